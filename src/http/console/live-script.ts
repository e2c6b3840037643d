/**
 * @module Browser-side wiring of the console: tabs, click and submit delegation to the named
 * commands and forms, and the live stream. /_emulator/events sends NAMED events (hello, message,
 * receipt, attempt, inbound, state, reset), so each is subscribed with addEventListener; every
 * event only marks views dirty, and the throttled queue refreshes them.
 */
export const liveScript = `
function showTab(name) {
  document.querySelectorAll('nav.tabs button').forEach(function (b) { b.setAttribute('aria-selected', String(b.dataset.tab === name)) })
  document.querySelectorAll('.tab').forEach(function (t) { t.hidden = t.id !== 'tab-' + name })
  if (name === 'webhooks') want('webhooks')
}
commands.tab = function (el) { showTab(el.dataset.tab) }
commands.dismiss = function () { notice('') }

async function run(task) {
  try {
    await task()
  } catch (error) {
    notice(error.message)
  }
}

document.addEventListener('click', function (event) {
  var el = event.target.closest('[data-do]')
  if (!el || el.type === 'checkbox') return
  var command = commands[el.dataset.do]
  if (command) run(function () { return command(el) })
})
document.addEventListener('change', function (event) {
  var el = event.target
  if (el.type === 'checkbox' && el.dataset.do && commands[el.dataset.do]) run(function () { return commands[el.dataset.do](el) })
})
document.addEventListener('submit', function (event) {
  var form = event.target
  var handler = forms[form.dataset.form]
  if (!handler) return
  event.preventDefault()
  run(async function () {
    await handler(form, event.submitter)
    notice('')
  })
})

/** Which views each state change touches. */
var stateViews = {
  suppression: ['suppression'],
  unsubscribes: ['unsubscribes'],
  sandbox: ['sandbox'],
  // Moving the clock can expire bounce-list entries and fire lifecycle steps and webhook retries.
  clock: ['clock', 'suppression', 'messages', 'detail', 'failed', 'webhooks'],
  rules: ['rules'],
  targets: ['targets'],
  chaos: [], // not shown in the console
}
var everything = ['clock', 'messages', 'detail', 'failed', 'webhooks', 'suppression', 'unsubscribes', 'sandbox', 'inbound', 'targets', 'rules']

function connect() {
  var query = new URLSearchParams()
  if (token) query.set('token', token)
  if (tenant) query.set('tenant', tenant)
  var events = new EventSource('/_emulator/events' + (query.toString() ? '?' + query : ''))
  var live = $('live')
  events.addEventListener('hello', function (e) {
    showClock(JSON.parse(e.data))
    live.textContent = 'live'
    live.className = 'on'
    want.apply(null, everything) // catch up on anything missed while disconnected
  })
  events.addEventListener('message', function () { want('messages') })
  events.addEventListener('receipt', function (e) {
    var data = JSON.parse(e.data)
    want('messages')
    if (data.messageId === selectedId) want('detail')
  })
  events.addEventListener('attempt', function (e) {
    var data = JSON.parse(e.data)
    want('failed', 'webhooks')
    if (data.messageId === selectedId) want('detail')
  })
  events.addEventListener('inbound', function () { want('inbound', 'webhooks', 'failed') })
  events.addEventListener('state', function (e) { want.apply(null, stateViews[JSON.parse(e.data).what] || everything) })
  events.addEventListener('reset', function () {
    selectedId = null
    closeEdit() // target ids start again at t1: an open edit would change a different target
    render($('detail'), '<div class="empty">The emulator was reset.</div>')
    want.apply(null, everything)
  })
  events.onerror = function () {
    live.textContent = 'reconnecting…'
    live.className = ''
  }
}

// Real time moves on its own: keep the shown time (and expiries) current without an event per tick.
setInterval(function () { if (clock.mode === 'real' && !document.hidden) want('clock') }, 1000)
document.querySelectorAll('#detail pre').forEach(function (pre) { pre.textContent = pre.textContent.replace('URL', location.origin) })
want.apply(null, everything)
connect()
`
