/**
 * @module What `GET /_emulator` answers an isolated emulator when no tenant is named: a 400 page
 * saying how to name one, with the tenants alive as links (read from `GET /_emulator/tenants`, so
 * the control token guards the list as it guards the rest).
 */
import { createHash } from 'node:crypto'
import { howToNameATenant } from './tenant-of-request.js'

const text = howToNameATenant.replace(/"/g, '&quot;')

const style =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}code{background:#f2f2f2;padding:0 .2em}'

const script = `
'use strict'
var token = new URLSearchParams(location.search).get('token')
var list = document.getElementById('tenants')
if (token) {
  var hidden = document.createElement('input')
  hidden.type = 'hidden'; hidden.name = 'token'; hidden.value = token
  document.querySelector('form').appendChild(hidden)
}
fetch('/_emulator/tenants', { headers: token ? { authorization: 'Bearer ' + token } : {} })
  .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body } }) })
  .then(function (answer) {
    list.textContent = ''
    if (!answer.ok) { list.textContent = answer.body.message; return }
    if (answer.body.tenants.length === 0) { list.textContent = 'none yet: a tenant starts with its first request'; return }
    answer.body.tenants.forEach(function (tenant) {
      var query = new URLSearchParams({ tenant: tenant.name })
      if (token) query.set('token', token)
      var link = document.createElement('a')
      link.href = '/_emulator?' + query
      link.textContent = tenant.name
      var item = document.createElement('li')
      item.appendChild(link)
      item.appendChild(document.createTextNode(' (' + tenant.messages + ' messages)'))
      list.appendChild(item)
    })
  })
  .catch(function (error) { list.textContent = String(error) })
`

export const tenantPickerHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>webex-connect-emulator: choose a tenant</title>
<style>${style}</style></head>
<body>
<h1>Choose a tenant</h1>
<p>This emulator isolates services (<code>isolation: "service"</code>): each service key is a tenant with its own
messages, lists, rules and targets, and the console shows one at a time. To open it, ${text}.</p>
<form method="get" action="/_emulator"><label>Tenant <input name="tenant" required autofocus></label> <button>Open</button></form>
<h2>Tenants alive</h2>
<ul id="tenants"><li>loading…</li></ul>
<script>${script}</script>
</body></html>`

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** The page's Content-Security-Policy, as the console's: its own script and style only, by hash. */
export const tenantPickerPolicy = [
  "default-src 'none'",
  `script-src ${sha256(script)}`,
  `style-src ${sha256(style)}`,
  "connect-src 'self'",
  "form-action 'self'",
].join('; ')
