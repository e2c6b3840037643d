/**
 * @module The Targets tab: the service-level webhook targets (list, add, change format / events /
 * hub secret, remove). The edit form lives in the fixed markup; a row's Edit button only fills it,
 * so a live refresh of the list never loses what someone is typing.
 */
import type { Target } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { byId, field, html, render, table } from './html.js'

/** "delivered, Bounce" → ['delivered', 'bounce']; empty → null (every receipt). */
function eventList(text: string): string[] | null {
  const events = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  return events.length ? events : null
}

/** "Name: value" lines → { Name: 'value' }; throws on a line without a colon. */
function headerLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const colon = line.indexOf(':')
    if (colon < 1) throw new Error(`Header line "${line.trim()}" is not "Name: value"`)
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return headers
}

function faultsText(faults: Target['faults']): string {
  if (!faults) return ''
  const active = Object.entries(faults).filter(([, value]) => value !== 0 && value !== false)
  return active.map(([name, value]) => `${name}: ${value}`).join(', ') || 'none active'
}

function targetRow(t: Target) {
  const headers = Object.entries(t.headers ?? {})
  return html`<tr class="target" data-id="${t.id}"><td><code>${t.id}</code></td><td class="url">${t.url}</td><td class="format">${t.format}</td><td class="events">${
    t.events ? t.events.join(', ') : html`<span class="muted">every receipt</span>`
  }</td><td class="headers">${headers.map(([name, value]) => html`<div><code>${name}: ${value}</code></div>`)}</td><td class="secret">${
    t.hubSecret ? 'set' : html`<span class="muted">not set</span>`
  }</td><td class="faults">${faultsText(t.faults)}</td><td class="nowrap"><button data-do="edit-target" data-id="${t.id}">Edit</button> <button class="danger" data-do="remove-target" data-id="${t.id}">Remove</button></td></tr>`
}

export function createTargetsView(ctx: ConsoleContext): View {
  const { api } = ctx
  const form = document.querySelector<HTMLFormElement>('form[data-form="change-target"]')!
  /** The target being changed, as it was when Edit was pressed (only the fields changed since are sent). */
  let editing: { id: string; format: string; events: string } | null = null
  /** The targets as last listed, for Edit to fill its form from. */
  let targetsById = new Map<string, Target>()

  function closeEdit() {
    editing = null
    form.reset()
    form.hidden = true
  }

  byId('target-events').textContent = ctx.vocabulary.targetEvents.join(', ')

  return {
    loaders: {
      targets: async () => {
        const { targets } = await api<{ targets: Target[] }>('GET', '/webhooks/targets')
        byId('targets-count').textContent = `(${targets.length})`
        const shown = editing
        if (shown && !targets.some((t) => t.id === shown.id)) closeEdit()
        render(
          byId('targets'),
          targets.length
            ? table(['id', 'url', 'format', 'events', 'headers', 'hub secret', 'faults', ''], targets.map(targetRow))
            : html`<div class="empty">No service-level webhook target. Add one below; receipts then go to it as well as to any request's notifyUrl.</div>`,
        )
        targetsById = new Map(targets.map((t) => [t.id, t]))
      },
    },
    controls: {
      'edit-target': (el) => {
        const t = targetsById.get(el.dataset.id ?? '')
        if (!t) return
        editing = { id: t.id, format: t.format, events: t.events ? t.events.join(', ') : '' }
        form.reset()
        byId('tc-id').textContent = t.id
        byId('tc-url').textContent = t.url
        field(form, 'format').value = t.format
        field(form, 'events').value = editing.events
        field(form, 'clearSecret').disabled = !t.hubSecret
        form.hidden = false
        field(form, 'format').focus()
      },
      'cancel-target': () => closeEdit(),
    },
    actions: {
      'remove-target': async (el) => {
        await api('DELETE', `/webhooks/targets/${encodeURIComponent(el.dataset.id ?? '')}`)
        if (editing?.id === el.dataset.id) closeEdit()
      },
    },
    forms: {
      'add-target': async (add) => {
        const body: Record<string, unknown> = {
          url: field(add, 'url').value.trim(),
          format: field(add, 'format').value,
        }
        const events = eventList(field(add, 'events').value)
        if (events) body.events = events
        if (field(add, 'hubSecret').value) body.hubSecret = field(add, 'hubSecret').value
        const headers = headerLines(field(add, 'headers').value)
        if (Object.keys(headers).length) body.headers = headers
        await api('POST', '/webhooks/targets', body)
        add.reset()
      },
      'change-target': async () => {
        if (!editing) return
        const patch: Record<string, unknown> = {}
        const format = field(form, 'format').value
        const events = field(form, 'events').value
        const secret = field(form, 'hubSecret').value
        if (format !== editing.format) patch.format = format
        if (events.trim() !== editing.events) patch.events = eventList(events)
        if (field(form, 'clearSecret').checked) patch.hubSecret = null
        else if (secret) patch.hubSecret = secret
        if (Object.keys(patch).length === 0)
          throw new Error('Nothing to change: pick another format, edit the events or give a new hub secret')
        await api('PATCH', `/webhooks/targets/${encodeURIComponent(editing.id)}`, patch)
        closeEdit()
      },
    },
    // Target ids start again at t1 after a reset: an open edit would change a different target.
    reset: closeEdit,
  }
}
