/**
 * @module The WhatsApp conversation under a WhatsApp message on the Message tab: everything its app
 * and the user (waid) said to each other, in time order, as bubbles — the app's on the right, the
 * user's on the left, media, places, list rows and buttons as the phone shows them — and the
 * 24-hour customer-service window on the emulator clock: open until when, or closed (session
 * messages then fail with 7710 until the user writes). Its form plays the user writing in
 * (POST /inbound/whatsapp), which opens the window. GET /whatsapp/conversations/:appId/:waid.
 */
import type { MessageRecord, WaConversation, WaEntry } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { duration, listTime } from './format.js'
import { badge, byId, field, html, type Markup, render } from './html.js'

type WaRecord = Extract<MessageRecord, { channel: 'whatsapp' }>

/** What a bubble shows above its text: the media, the place, the contact cards. */
function attachment(e: WaEntry): Markup {
  const s = e.shown
  return html`${s?.media && html`<div class="wa-media"><span class="wa-kind">${e.type}</span> <span class="mono">${s.media.filename || s.media.url}</span></div>`}
    ${s?.place && html`<div class="wa-media"><span class="wa-kind">location</span> ${[s.place.name, s.place.address].filter(Boolean).join(', ')} <span class="mono">(${s.place.latitude}, ${s.place.longitude})</span></div>`}
    ${s?.contacts && html`<div class="wa-media"><span class="wa-kind">contacts</span> ${s.contacts.join(', ')}</div>`}`
}

/** What it shows below: a list row's description, the footer, a list's button and rows, the reply buttons. */
function below(e: WaEntry): Markup {
  const s = e.shown
  return html`${s?.description && html`<div class="muted">${s.description}</div>`}
    ${s?.footer && html`<div class="muted wa-footer">${s.footer}</div>`}
    ${s?.button && html`<div class="wa-button">${s.button}</div>`}
    ${s?.choices && html`<ul class="wa-choices">${s.choices.map((c) => html`<li>${c}</li>`)}</ul>`}`
}

/** What the user chose rather than typed: a button or a list row. */
const chosen: Record<string, string> = { button: 'button', button_reply: 'reply button', list_reply: 'list row' }

function bubble(e: WaEntry, now: number): Markup {
  const time = html`<time>${listTime(e.at, now)}</time>`
  if (e.direction === 'in' && e.type === 'user_preference')
    return html`<li class="wa-note" data-direction="in">The customer asked to ${e.text} ${time}</li>`
  const header = e.shown?.header
  const body =
    e.direction === 'out' && e.kind === 'template'
      ? html`<div class="wa-kind">template ${e.templateId ?? ''}</div>${e.text && html`<div class="wa-text">${e.text}</div>`}`
      : html`${header && html`<strong class="wa-header">${header}</strong>`}${attachment(e)}${e.text && html`<div class="wa-text">${e.text}</div>`}`
  const meta =
    e.direction === 'out'
      ? html`${time} ${badge(e.status)}${e.code && html` <span class="wa-failure">${e.code} ${e.description}</span>`}`
      : html`${chosen[e.type] && html`<span class="muted">${chosen[e.type]}</span> `}${time}`
  return html`<li class="wa-bubble wa-${e.direction}" data-direction="${e.direction}">${body}${below(e)}<div class="wa-meta">${meta}</div></li>`
}

function windowState(c: WaConversation): Markup {
  const w = c.window
  if (w.open)
    return html`<p class="wa-window open" data-open="true"><strong>Window open</strong> until <time>${w.closesAt}</time> (closes in ${duration(w.closesIn ?? 0)}): session messages are delivered.</p>`
  const last = w.lastInboundAt
    ? html`the customer last wrote at <time>${w.lastInboundAt}</time>`
    : 'the customer has not written'
  return w.enforced
    ? html`<p class="wa-window closed" data-open="false"><strong>Window closed</strong> (${last}): session messages fail with 7710 until the customer writes; templates still go.</p>`
    : html`<p class="wa-window closed" data-open="false"><strong>Window closed</strong> (${last}), not enforced: <code>whatsapp.enforceWindow</code> is off.</p>`
}

export function createWaConversation(ctx: ConsoleContext): View {
  const { api, state } = ctx
  const section = byId('wa-conversation')
  const form = section.querySelector<HTMLFormElement>('form')!
  /** The selected message's app and users, by message id (they never change). */
  let pairs: { id: string; appId: string; waids: string[] } | null = null
  byId('wa-user').addEventListener('change', () => ctx.want('conversation'))

  async function load() {
    const id = state.selectedId
    if (!id) return void (section.hidden = true)
    if (pairs?.id !== id) {
      pairs = null
      const m = await api<MessageRecord>('GET', `/messages/${encodeURIComponent(id)}`).catch(() => null)
      if (state.selectedId !== id) return
      if (m?.channel !== 'whatsapp') return void (section.hidden = true)
      const waids = [...new Set((m as WaRecord).recipients.map((r) => r.waid).filter(Boolean))]
      if (!waids.length) return void (section.hidden = true)
      pairs = { id, appId: m.appId, waids }
      const pick = byId<HTMLSelectElement>('wa-user')
      pick.innerHTML = waids.map((w) => html`<option>${w}</option>`.text).join('')
      pick.hidden = waids.length < 2
    }
    const waid = field(form, 'waid').value || pairs.waids[0]!
    const { appId } = pairs
    const c = await api<WaConversation>(
      'GET',
      `/whatsapp/conversations/${encodeURIComponent(appId)}/${encodeURIComponent(waid)}`,
    )
    if (state.selectedId !== id) return
    field(form, 'appId').value = appId
    byId('wa-pair').textContent = `${appId} ↔ ${waid}`
    render(byId('wa-window'), windowState(c))
    const now = state.clock.now
    render(
      byId('wa-chat'),
      c.entries.length ? html`${c.entries.map((e) => bubble(e, now))}` : html`<li class="empty">Nothing said yet.</li>`,
    )
    section.hidden = false
  }

  return {
    loaders: { conversation: load },
    forms: {
      'inbound-whatsapp': async (f) => {
        const text = field(f, 'text').value
        await api('POST', '/inbound/whatsapp', {
          waid: field(f, 'waid').value.trim(),
          ...(field(f, 'appId').value.trim() && { appId: field(f, 'appId').value.trim() }),
          text,
        })
        field(f, 'text').value = ''
        ctx.want('conversation')
      },
    },
    reset() {
      pairs = null
      section.hidden = true
    },
  }
}
