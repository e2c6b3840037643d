/**
 * @module The web console at /_emulator/: one self-contained page (no build step, no network beyond
 * this emulator) over the control API and its event stream.
 */
export const consoleHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>webex-connect-emulator</title></head>
<body><h1>webex-connect-emulator</h1><ul id="messages"></ul>
<script>
const token = new URLSearchParams(location.search).get('token')
const headers = token ? { authorization: 'Bearer ' + token } : {}
async function refresh() {
  const { messages } = await (await fetch('/_emulator/messages', { headers })).json()
  document.getElementById('messages').innerHTML = messages.map((m) => '<li>' + m.messageId + '</li>').join('')
}
new EventSource('/_emulator/events' + (token ? '?token=' + encodeURIComponent(token) : '')).onmessage = refresh
refresh()
</script></body></html>`
