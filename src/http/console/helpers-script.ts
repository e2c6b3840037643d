/**
 * @module Browser-side basics for the console: escaping, time formatting, the control-API client
 * (with the control token when the page was opened with ?token=, and the tenant with ?tenant=),
 * the error notice, and the throttled refresh queue every view registers its loader with.
 *
 * Browser code is kept as plain strings (no build step); it avoids template literals so it can sit
 * inside this TypeScript template literal unescaped.
 */
export const helpersScript = `
'use strict'
var token = new URLSearchParams(location.search).get('token')
// An isolated emulator (isolation "service") shows one tenant: the one named by ?tenant=.
var tenant = new URLSearchParams(location.search).get('tenant')
var $ = function (id) { return document.getElementById(id) }
if (tenant) {
  document.querySelector('header h1').textContent += ' · ' + tenant
  document.title += ' · ' + tenant
}

/** Every piece of text that came from outside (addresses, subjects, payloads) goes through this. */
function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]
  })
}

function fmtTime(ms) {
  if (ms == null) return ''
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}

/** "6d 23h", "4m 10s", "350ms": the two largest units. */
function fmtDuration(ms) {
  if (ms < 1000) return Math.max(0, Math.round(ms)) + 'ms'
  var units = [['d', 86400000], ['h', 3600000], ['m', 60000], ['s', 1000]]
  var parts = []
  for (var i = 0; i < units.length && parts.length < 2; i++) {
    var n = Math.floor(ms / units[i][1])
    if (n > 0 || parts.length > 0) { parts.push(n + units[i][0]); ms -= n * units[i][1] }
  }
  return parts.join(' ')
}

function badge(text, kind) {
  return '<span class="badge s-' + esc(String(kind || text).replace(/ /g, '-')) + '">' + esc(text) + '</span>'
}

function pretty(body) {
  try { return JSON.stringify(JSON.parse(body), null, 2) } catch (e) { return String(body) }
}

/** Calls the control API; throws an Error carrying the API's own message when it refuses. */
async function api(method, path, body) {
  var headers = {}
  if (token) headers.authorization = 'Bearer ' + token
  if (tenant) headers['x-emulator-tenant'] = tenant
  if (body !== undefined) headers['content-type'] = 'application/json'
  var response = await fetch('/_emulator' + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
  var text = await response.text()
  var data = null
  try { data = text ? JSON.parse(text) : null } catch (e) { data = null }
  if (!response.ok) throw new Error((data && data.message) || (method + ' ' + path + ' answered ' + response.status))
  return data
}

function notice(message) {
  $('notice-text').textContent = message
  $('notice').hidden = !message
}

/** Handlers for clicks on [data-do] elements and submits of form[data-form], by name. */
var commands = {}
var forms = {}

/**
 * Named loaders, run together and never two at once. Throttled rather than debounced: at most one
 * refresh per 60 ms however busy the event stream, yet the first change after a quiet spell shows
 * almost at once (10 ms, enough to take in the rest of a burst that arrived together).
 */
var loaders = {}
var dirty = new Set()
var flushTimer = 0
var flushing = false
var lastFlush = -Infinity

function want() {
  for (var i = 0; i < arguments.length; i++) dirty.add(arguments[i])
  if (!flushTimer) flushTimer = setTimeout(flush, Math.max(10, 60 - (performance.now() - lastFlush)))
}

async function flush() {
  flushTimer = 0
  if (flushing) { flushTimer = setTimeout(flush, 60); return }
  flushing = true
  lastFlush = performance.now()
  var names = Array.from(dirty)
  dirty.clear()
  try {
    await Promise.all(names.map(function (name) { return loaders[name]() }))
  } catch (error) {
    notice(error.message)
  } finally {
    flushing = false
  }
}

/** Re-renders a container, keeping which <details data-key> were open. */
function render(container, html) {
  var open = new Set(Array.from(container.querySelectorAll('details[open][data-key]')).map(function (d) { return d.dataset.key }))
  container.innerHTML = html
  container.querySelectorAll('details[data-key]').forEach(function (d) { if (open.has(d.dataset.key)) d.open = true })
}
`
