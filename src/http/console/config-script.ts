/**
 * @module Browser-side views of the emulator's configuration that can change at run time: the
 * service-level webhook targets (list, add, change format / events / hub secret, remove) and the
 * outcome rules (list, add, remove). Edit forms live in the fixed markup; a row's Edit button only
 * fills them, so a live refresh of the list never loses what someone is typing.
 */
export const configScript = `
/** The target being changed, as it was when Edit was pressed (only the fields changed since are sent). */
var editing = null
/** The targets as last listed, for Edit to fill its form from. */
var targetsById = {}

/** "delivered, Bounce" → ['delivered', 'bounce']; empty → null (every receipt). */
function eventList(text) {
  var events = text.split(',').map(function (s) { return s.trim().toLowerCase() }).filter(Boolean)
  return events.length ? events : null
}

/** "Name: value" lines → { Name: 'value' }; throws on a line without a colon. */
function headerLines(text) {
  var headers = {}
  text.split('\\n').forEach(function (line) {
    if (!line.trim()) return
    var colon = line.indexOf(':')
    if (colon < 1) throw new Error('Header line "' + line.trim() + '" is not "Name: value"')
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  })
  return headers
}

function faultsText(faults) {
  if (!faults) return ''
  return Object.keys(faults).filter(function (k) { return faults[k] !== 0 && faults[k] !== false }).map(function (k) { return k + ': ' + faults[k] }).join(', ') || 'none active'
}

loaders.targets = async function () {
  var targets = (await api('GET', '/webhooks/targets')).targets
  $('targets-count').textContent = '(' + targets.length + ')'
  if (editing && !targets.some(function (t) { return t.id === editing.id })) closeEdit()
  render($('targets'), targets.length ? table(['id', 'url', 'format', 'events', 'headers', 'hub secret', 'faults', ''], targets.map(function (t) {
    var headers = Object.keys(t.headers || {})
    return '<tr class="target" data-id="' + esc(t.id) + '"><td><code>' + esc(t.id) + '</code></td><td class="url">' + esc(t.url) + '</td>' +
      '<td class="format">' + esc(t.format) + '</td>' +
      '<td class="events">' + (t.events ? esc(t.events.join(', ')) : '<span class="muted">every receipt</span>') + '</td>' +
      '<td class="headers">' + headers.map(function (h) { return '<div><code>' + esc(h) + ': ' + esc(t.headers[h]) + '</code></div>' }).join('') + '</td>' +
      '<td class="secret">' + (t.hubSecret ? 'set' : '<span class="muted">not set</span>') + '</td>' +
      '<td class="faults">' + esc(faultsText(t.faults)) + '</td>' +
      '<td class="nowrap"><button data-do="edit-target" data-id="' + esc(t.id) + '">Edit</button> ' +
        '<button class="danger" data-do="remove-target" data-id="' + esc(t.id) + '">Remove</button></td></tr>'
  })) : '<div class="empty">No service-level webhook target. Add one below; receipts then go to it as well as to any request\\'s notifyUrl.</div>')
  targetsById = {}
  targets.forEach(function (t) { targetsById[t.id] = t })
}

function closeEdit() {
  editing = null
  var form = document.querySelector('form[data-form="change-target"]')
  form.reset()
  form.hidden = true
}

commands['edit-target'] = function (el) {
  var t = targetsById[el.dataset.id]
  if (!t) return
  editing = { id: t.id, format: t.format, events: t.events ? t.events.join(', ') : '' }
  var form = document.querySelector('form[data-form="change-target"]')
  form.reset()
  $('tc-id').textContent = t.id
  $('tc-url').textContent = t.url
  form.elements.format.value = t.format
  form.elements.events.value = editing.events
  form.elements.clearSecret.disabled = !t.hubSecret
  form.hidden = false
  form.elements.format.focus()
}
commands['cancel-target'] = function () { closeEdit() }
commands['remove-target'] = async function (el) {
  await api('DELETE', '/webhooks/targets/' + encodeURIComponent(el.dataset.id))
  if (editing && editing.id === el.dataset.id) closeEdit()
}

forms['add-target'] = async function (form) {
  var f = form.elements
  var body = { url: f.url.value.trim(), format: f.format.value }
  var events = eventList(f.events.value)
  if (events) body.events = events
  if (f.hubSecret.value) body.hubSecret = f.hubSecret.value
  var headers = headerLines(f.headers.value)
  if (Object.keys(headers).length) body.headers = headers
  await api('POST', '/webhooks/targets', body)
  form.reset()
}

forms['change-target'] = async function (form) {
  if (!editing) return
  var f = form.elements
  var patch = {}
  if (f.format.value !== editing.format) patch.format = f.format.value
  if (f.events.value.trim() !== editing.events) patch.events = eventList(f.events.value)
  if (f.clearSecret.checked) patch.hubSecret = null
  else if (f.hubSecret.value) patch.hubSecret = f.hubSecret.value
  if (Object.keys(patch).length === 0) throw new Error('Nothing to change: pick another format, edit the events or give a new hub secret')
  await api('PATCH', '/webhooks/targets/' + encodeURIComponent(editing.id), patch)
  closeEdit()
}

var matchers = ['address', 'domain', 'glob', 'regex']

loaders.rules = async function () {
  var rules = (await api('GET', '/rules')).rules
  $('rules-count').textContent = '(' + rules.length + ')'
  render($('rules'), rules.length ? table(['#', 'matcher', 'value', 'outcome', ''], rules.map(function (r, index) {
    var matcher = matchers.filter(function (m) { return r[m] !== undefined })[0] || ''
    return '<tr class="rule" data-index="' + index + '"><td>' + index + '</td><td class="muted">' + esc(matcher) + '</td><td><code>' + esc(r[matcher]) + '</code></td>' +
      '<td>' + badge(r.outcome, 'Submitted') + '</td>' +
      '<td><button class="danger" data-do="remove-rule" data-index="' + index + '">Remove</button></td></tr>'
  })) : '<div class="empty">No outcome rules: magic addresses and the default outcome decide.</div>')
}

forms['add-rule'] = async function (form) {
  var f = form.elements
  var rule = { outcome: f.outcome.value.trim() }
  rule[f.matcher.value] = f.value.value.trim()
  await api('POST', '/rules', rule)
  f.value.value = ''
}
commands['remove-rule'] = async function (el) { await api('DELETE', '/rules/' + el.dataset.index) }

var matchExamples = { address: 'ann@example.com', domain: 'example.com', glob: '*+vip@example.com', regex: '^ops-.*@example\\\\.com$' }
document.querySelector('form[data-form="add-rule"] select[name="matcher"]').addEventListener('change', function (event) {
  event.target.form.elements.value.placeholder = matchExamples[event.target.value]
})
$('target-events').textContent = targetEvents.join(', ')
`
