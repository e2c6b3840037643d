/**
 * @module Browser-side views of the emulator's state: the clock, all webhook deliveries (and
 * replay), the bounce list, unsubscribes, sandbox, and injected inbound events — each a loader, the
 * commands its buttons run and the forms that change it.
 */
export const stateScript = `
var clock = { mode: 'real', now: Date.now(), time: '', canSwitchMode: false }

loaders.clock = async function () { showClock(await api('GET', '/clock')) }

function showClock(state) {
  clock = state
  $('clock-mode').textContent = clock.mode + ' time'
  $('clock-time').textContent = clock.time
  var button = $('clock-switch')
  button.hidden = !clock.canSwitchMode
  button.textContent = clock.mode === 'real' ? 'pause (virtual)' : 'resume (real)'
}

loaders.failed = async function () {
  var data = await api('GET', '/webhooks?state=failed')
  var count = $('failed-count')
  count.hidden = data.deliveries.length === 0
  count.textContent = data.deliveries.length + ' failed'
}

loaders.webhooks = async function () {
  if ($('tab-webhooks').hidden) return
  var state = $('webhooks-state').value
  var data = await api('GET', '/webhooks' + (state ? '?state=' + encodeURIComponent(state) : ''))
  var newest = data.deliveries.slice(-200).reverse()
  render($('webhooks'), newest.length
    ? (data.deliveries.length > newest.length ? '<p class="muted">The newest 200 of ' + data.deliveries.length + '.</p>' : '') + newest.map(deliveryCard).join('')
    : '<div class="empty">No webhook deliveries' + (state ? ' in state ' + esc(state) : '') + '.</div>')
}

loaders.suppression = async function () {
  // Expiries are shown relative to the emulator's now, read alongside so both are from one instant.
  var answers = await Promise.all([api('GET', '/suppression'), api('GET', '/clock')])
  var entries = answers[0].entries
  showClock(answers[1])
  $('suppression-count').textContent = '(' + entries.length + ')'
  render($('suppression'), entries.length ? table(['address', 'reason', 'added (UTC)', 'expires (UTC)', ''], entries.map(function (e) {
    return '<tr data-address="' + esc(e.address) + '"><td>' + esc(e.address) + '</td><td>' + esc(e.reason) + '</td>' +
      '<td><time>' + esc(fmtTime(e.addedAt)) + '</time></td>' +
      '<td class="expiry">' + (e.expiresAt == null ? 'never' : '<time>' + esc(fmtTime(e.expiresAt)) + '</time> <span class="muted">(in ' + esc(fmtDuration(e.expiresAt - clock.now)) + ')</span>') + '</td>' +
      '<td><button class="danger" data-do="unsuppress" data-address="' + esc(e.address) + '">Remove</button></td></tr>'
  })) : '<div class="empty">The bounce list is empty. Permanent bounces land here for the retention period (7 days by default).</div>')
}

loaders.unsubscribes = async function () {
  var entries = (await api('GET', '/unsubscribes')).entries
  $('unsubscribes-count').textContent = '(' + entries.length + ')'
  render($('unsubscribes'), entries.length ? table(['address', 'sender', 'since (UTC)', ''], entries.map(function (e) {
    return '<tr><td>' + esc(e.address) + '</td><td>' + esc(e.sender) + '</td><td><time>' + esc(fmtTime(e.addedAt)) + '</time></td>' +
      '<td><button class="danger" data-do="resubscribe" data-sender="' + esc(e.sender) + '" data-address="' + esc(e.address) + '">Remove</button></td></tr>'
  })) : '<div class="empty">Nobody has unsubscribed.</div>')
}

loaders.sandbox = async function () {
  var sandbox = await api('GET', '/sandbox')
  $('sandbox-enabled').checked = sandbox.enabled
  render($('sandbox'), '<p>Sandbox is <strong>' + (sandbox.enabled ? 'on' : 'off') + '</strong>.</p>' + (sandbox.verified.length
    ? table(['verified address or domain', ''], sandbox.verified.map(function (address) {
        return '<tr><td>' + esc(address) + '</td><td><button class="danger" data-do="unverify" data-address="' + esc(address) + '">Remove</button></td></tr>'
      }))
    : '<div class="empty">No verified addresses.</div>'))
}

loaders.inbound = async function () {
  var events = (await api('GET', '/inbound')).events
  $('inbound-count').textContent = '(' + events.length + ')'
  render($('inbound'), events.length ? table(['event', 'from', 'to', 'subject', 'at', 'webhooks'], events.slice().reverse().map(function (e) {
    return '<tr class="inbound-event"><td>' + badge(e.event, 'Submitted') + '</td><td>' + esc(e.from) + '</td><td>' + esc(e.to.join(', ')) + '</td>' +
      '<td>' + esc(e.subject) + '</td><td><time>' + esc(e.ts) + '</time></td><td>' + esc(e.deliveries) + '</td></tr>'
  })) : '<div class="empty">Nothing injected yet. Webhook targets receive inbound events only when their "events" include "inbound" (or "mo", "unsubscribe", "subscribe").</div>')
}

function table(headings, rows) {
  return '<table><thead><tr>' + headings.map(function (h) { return '<th>' + esc(h) + '</th>' }).join('') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>'
}

commands.advance = async function (el) { await api('POST', '/clock/advance', { by: el.dataset.by }) }
forms.advance = async function (form) { await api('POST', '/clock/advance', { by: form.elements.by.value.trim() }) }
commands['clock-mode'] = async function () { await api('PUT', '/clock', { mode: clock.mode === 'real' ? 'virtual' : 'real' }) }
commands['replay-all'] = async function () {
  var result = await api('POST', '/webhooks/replay')
  notice(result.replayed === 0 ? 'No failed delivery to replay.' : '')
  want('webhooks', 'failed', 'detail')
}
commands.unsuppress = async function (el) { await api('DELETE', '/suppression/' + encodeURIComponent(el.dataset.address)) }
commands.resubscribe = async function (el) {
  await api('DELETE', '/unsubscribes/' + encodeURIComponent(el.dataset.sender) + '/' + encodeURIComponent(el.dataset.address))
}
commands.unverify = async function (el) { await api('DELETE', '/sandbox/verified/' + encodeURIComponent(el.dataset.address)) }
commands['sandbox-toggle'] = async function (el) { await api('PUT', '/sandbox', { enabled: el.checked }) }
commands.reset = async function () {
  if (!confirm('Reset the emulator? Messages, webhook deliveries and inbound events are forgotten.')) return
  await api('POST', '/reset')
}

forms.suppress = async function (form) {
  var f = form.elements
  var body = { address: f.address.value.trim() }
  if (f.for.value.trim()) body.for = f.for.value.trim()
  if (f.reason.value.trim()) body.reason = f.reason.value.trim()
  await api('POST', '/suppression', body)
  form.reset()
}
forms.unsubscribe = async function (form) {
  await api('POST', '/unsubscribes', { sender: form.elements.sender.value.trim(), address: form.elements.address.value.trim() })
  form.reset()
}
forms.verify = async function (form) {
  await api('PUT', '/sandbox', { verified: [form.elements.address.value.trim()] })
  form.reset()
}
forms['inbound-email'] = async function (form) {
  var f = form.elements
  var to = f.to.value.split(',').map(function (s) { return s.trim() }).filter(Boolean)
  await api('POST', '/inbound/email', { from: f.from.value.trim(), to: to, subject: f.subject.value, text: f.text.value })
  form.reset()
}
forms.subscription = async function (form, submitter) {
  var kind = submitter && submitter.value === 'subscribe' ? 'subscribe' : 'unsubscribe'
  await api('POST', '/inbound/' + kind, { from: form.elements.from.value.trim(), senderId: form.elements.senderId.value.trim() })
}
$('webhooks-state').addEventListener('change', function () { want('webhooks') })
`
