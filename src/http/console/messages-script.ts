/**
 * @module Browser-side views of messages: the timeline (GET /_emulator/messages) and one message
 * (GET /_emulator/messages/:id) with each recipient's receipts, the manual-action buttons, and
 * every webhook delivery with its payload and attempts.
 */
export const messagesScript = `
var selectedId = null
/** Bounce subtype / complaint type chosen per recipient, kept across re-renders. */
var choices = {}

loaders.messages = async function () {
  var filter = $('messages-filter').value.trim()
  var data = await api('GET', '/messages' + (filter ? '?recipient=' + encodeURIComponent(filter) : ''))
  $('messages-count').textContent = data.total > data.messages.length ? '(' + data.messages.length + ' of ' + data.total + ')' : '(' + data.total + ')'
  if (data.messages.length === 0) {
    render($('messages'), '<li class="empty">' + (filter ? 'No message to a matching recipient.' : 'No messages yet. Send one to POST /v2/messages.') + '</li>')
    return
  }
  render($('messages'), data.messages.map(function (m) {
    return '<li class="msg' + (m.messageId === selectedId ? ' selected' : '') + '" data-do="select" data-id="' + esc(m.messageId) + '">' +
      '<div class="msg-top"><span class="msg-subject">' + (esc(m.subject) || '<span class="muted">(no subject)</span>') + '</span>' +
      '<time>' + esc(fmtTime(m.acceptedAt).slice(11, 19)) + '</time></div>' +
      '<div class="muted">from ' + esc(m.from) + '</div>' +
      '<div class="rcpts">' + m.recipients.map(function (r) {
        return '<span class="rcpt">' + esc(r.address) + ' ' + badge(r.status) + '</span>'
      }).join(' ') + '</div></li>'
  }).join(''))
}

loaders.detail = async function () {
  var id = selectedId
  if (!id) return
  var m
  try {
    m = await api('GET', '/messages/' + encodeURIComponent(id))
  } catch (error) {
    if (selectedId === id) render($('detail'), '<div class="empty">' + esc(error.message) + '</div>')
    return
  }
  if (selectedId !== id) return // a reset (or another pick) came while this was loading
  render($('detail'),
    '<h2 class="title">' + (esc(m.subject) || '(no subject)') + '</h2>' +
    '<dl class="facts">' +
      fact('messageId', '<code>' + esc(m.messageId) + '</code>') +
      fact('from', esc(m.from)) +
      fact('accepted', '<time>' + esc(m.requestTimestamp) + '</time>') +
      fact('content', esc(m.contentType)) +
      (m.correlationId ? fact('correlationId', esc(m.correlationId)) : '') +
      (m.callbackData ? fact('callbackData', esc(m.callbackData)) : '') +
      (m.notifyUrl ? fact('notifyUrl', esc(m.notifyUrl)) : '') +
      (m.serviceId ? fact('service', esc(m.serviceId)) : '') +
    '</dl>' +
    '<h3 class="section">Recipients</h3>' + m.recipients.map(function (r) { return recipientCard(m, r) }).join('') +
    '<h3 class="section">Webhooks (' + m.deliveries.length + ')</h3>' +
    (m.deliveries.length ? m.deliveries.map(deliveryCard).join('') : '<div class="muted">No webhook deliveries yet.</div>'))
}

function fact(name, html) { return '<dt>' + esc(name) + '</dt><dd>' + html + '</dd>' }

function options(values, chosen) {
  return values.map(function (v) { return '<option' + (v === chosen ? ' selected' : '') + '>' + esc(v) + '</option>' }).join('')
}

function recipientCard(m, r) {
  var key = m.messageId + ' ' + r.address
  var data = ' data-id="' + esc(m.messageId) + '" data-address="' + esc(r.address) + '"'
  var choice = choices[key] || {}
  return '<div class="card recipient"' + data + '>' +
    '<div class="row"><strong class="address">' + esc(r.address) + '</strong><span class="muted">' + esc(r.field) + '</span>' + badge(r.status) +
      '<span class="grow"></span><span class="muted">fate: ' + esc(r.fate) + '</span></div>' +
    (r.receipts.length ? '<ol class="timeline">' + r.receipts.map(function (e) {
      return '<li><time>' + esc(e.timeStamp) + '</time> ' + badge(e.status) + ' <code>' + esc(e.code) + '</code> ' + esc(e.description) +
        (e.additionalInfo ? ' <span class="muted">' + esc(e.additionalInfo) + '</span>' : '') + '</li>'
    }).join('') + '</ol>' : '<div class="muted">Queued: no receipt yet.</div>') +
    '<div class="actions"' + data + '>' +
      '<button data-do="act" data-action="deliver">deliver</button>' +
      '<span class="sep"></span><select data-choice="bounce" aria-label="Bounce type">' + options(bounceTypes, choice.bounce) + '</select>' +
      '<button data-do="act" data-action="bounce">bounce</button>' +
      '<span class="sep"></span><select data-choice="complain" aria-label="Complaint type">' + options(complaintTypes, choice.complain) + '</select>' +
      '<button data-do="act" data-action="complain">complain</button>' +
      '<span class="sep"></span><button data-do="act" data-action="read">read</button>' +
      '<button data-do="act" data-action="click">click</button>' +
    '</div></div>'
}

/** "Bounce 7520" for receipts (the status is read from the payload), the event name otherwise. */
function deliveryLabel(d) {
  try {
    var info = JSON.parse(d.body).deliveryInfoNotification.deliveryInfo
    if (info.deliveryStatus) return info.deliveryStatus + ' ' + d.event
  } catch (e) {}
  return d.event
}

function deliveryCard(d) {
  var last = d.attempts[d.attempts.length - 1]
  return '<div class="card delivery" data-delivery="' + esc(d.id) + '">' +
    '<div class="row"><strong>' + esc(deliveryLabel(d)) + '</strong><span>' + esc(d.destination) + '</span>' + badge(d.state) +
      '<span class="muted">' + esc(d.target.format) + ' → ' + esc(d.target.url) + (d.target.source === 'notifyUrl' ? ' (notifyUrl)' : '') + '</span>' +
      '<span class="grow"></span>' +
      (d.state === 'failed' ? '<button data-do="replay" data-delivery="' + esc(d.id) + '">Replay</button>' : '') +
      (d.state === 'pending' && d.nextAttemptAt != null ? '<span class="muted">next attempt ' + esc(fmtTime(d.nextAttemptAt)) + '</span>' : '') +
    '</div>' +
    (d.attempts.length ? '<table class="attempts"><thead><tr><th>#</th><th>at (UTC)</th><th>answer</th><th>latency</th><th>verdict</th></tr></thead><tbody>' +
      d.attempts.map(function (a) {
        return '<tr><td>' + a.number + '</td><td><time>' + esc(fmtTime(a.at)) + '</time></td>' +
          '<td>' + (a.status != null ? '<span class="badge ' + (a.status < 300 ? 's-delivered' : 's-failed') + '">HTTP ' + esc(a.status) + '</span>' : '') +
          (a.error ? ' <span class="error">' + esc(a.error) + '</span>' : '') +
          (a.responseBody ? ' <code class="answer" title="what the receiver answered">' + esc(a.responseBody.length > 120 ? a.responseBody.slice(0, 120) + '…' : a.responseBody) + '</code>' : '') + '</td>' +
          '<td>' + esc(Math.round(a.latencyMs)) + ' ms</td><td>' + esc(a.verdict) + '</td></tr>'
      }).join('') + '</tbody></table>' : '<div class="muted">Not attempted yet.</div>') +
    '<details data-key="payload ' + esc(d.id) + '"><summary>payload' + (last ? '' : ' (to be sent)') + '</summary>' +
      '<pre class="payload">' + esc(pretty(d.body)) + '</pre>' +
      (Object.keys(d.headers || {}).length ? '<pre>' + esc(JSON.stringify(d.headers, null, 2)) + '</pre>' : '') +
    '</details></div>'
}

function select(id) {
  selectedId = id
  document.querySelectorAll('#messages li.msg').forEach(function (li) { li.classList.toggle('selected', li.dataset.id === id) })
  showTab('message')
  want('detail')
}

commands.select = function (el) { select(el.dataset.id) }
commands.act = async function (el) {
  var box = el.closest('.actions')
  var action = el.dataset.action
  var body = { action: action }
  if (action === 'bounce' || action === 'complain') body.type = box.querySelector('select[data-choice="' + action + '"]').value
  await api('POST', '/messages/' + encodeURIComponent(box.dataset.id) + '/recipients/' + encodeURIComponent(box.dataset.address) + '/actions', body)
  want('detail', 'messages')
}
commands.replay = async function (el) {
  await api('POST', '/webhooks/' + encodeURIComponent(el.dataset.delivery) + '/replay')
  want('detail', 'webhooks', 'failed')
}

document.addEventListener('change', function (event) {
  var el = event.target
  if (!el.dataset || !el.dataset.choice) return
  var box = el.closest('.actions')
  var key = box.dataset.id + ' ' + box.dataset.address
  choices[key] = choices[key] || {}
  choices[key][el.dataset.choice] = el.value
})
$('messages-filter').addEventListener('input', function () { want('messages') })
`
