/**
 * @module One message on the Message tab (GET /_emulator/messages/:id): its facts, each
 * recipient's receipts with the manual-action buttons (enabled only while the recipient waits for
 * a decision, with the reason when not), and every webhook delivery with its attempts and payload.
 */
import { UnreachableError } from './api.js'
import type { MessageDetail, Recipient } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { deliveryCard } from './delivery-card.js'
import { diagnosticText } from './format.js'
import { badge, byId, html, type Interpolation, type Markup, render } from './html.js'
import { type ManualActionName, unavailableActions } from './recipient-actions.js'

const fact = (name: string, value: Interpolation) => html`<dt>${name}</dt><dd>${value}</dd>`

const options = (values: readonly string[], chosen: string | undefined) =>
  values.map((v) => html`<option${v === chosen && ' selected'}>${v}</option>`)

export function createMessageDetail(ctx: ConsoleContext): View {
  const { api, state } = ctx
  const { bounceTypes, complaintTypes } = ctx.vocabulary.email
  /** Bounce subtype / complaint type chosen per recipient, kept across re-renders. */
  const choices = new Map<string, Partial<Record<'bounce' | 'complain', string>>>()
  const detail = byId('detail')

  document.addEventListener('change', (event) => {
    const select = event.target
    if (!(select instanceof HTMLSelectElement)) return
    const choice = select.dataset.choice
    const box = select.closest<HTMLElement>('.actions')
    if ((choice !== 'bounce' && choice !== 'complain') || !box) return
    const key = `${box.dataset.id} ${box.dataset.address}`
    choices.set(key, { ...choices.get(key), [choice]: select.value })
  })

  function recipientCard(m: MessageDetail, r: Recipient): Markup {
    const choice = choices.get(`${m.messageId} ${r.address}`) ?? {}
    const unavailable = unavailableActions(r)
    const button = (action: ManualActionName) =>
      html`<button data-do="act" data-action="${action}"${unavailable[action] && html` disabled title="${unavailable[action]}"`}>${action}</button>`
    const picker = (action: 'bounce' | 'complain', label: string, values: readonly string[]) =>
      html`<select data-choice="${action}" aria-label="${label}"${unavailable[action] && ' disabled'}>${options(values, choice[action])}</select>`
    const reasons = [...new Set(Object.values(unavailable))]
    return html`<div class="card recipient" data-id="${m.messageId}" data-address="${r.address}">
      <div class="row"><strong class="address">${r.address}</strong><span class="muted">${'field' in r && r.field}</span>${badge(r.status)}
        <span class="grow"></span><span class="muted fate">fate: ${r.fate}</span></div>
      ${
        r.receipts.length
          ? html`<ol class="timeline">${r.receipts.map(
              (e) =>
                html`<li><time>${e.timeStamp}</time> ${badge(e.status)} <code>${e.code}</code> ${e.description}${
                  e.additionalInfo && html` <span class="muted diagnostic">${diagnosticText(e.additionalInfo)}</span>`
                }</li>`,
            )}</ol>`
          : html`<div class="muted">Queued: no receipt yet.</div>`
      }
      <div class="actions" data-id="${m.messageId}" data-address="${r.address}">
        ${button('deliver')}
        <span class="sep"></span>${picker('bounce', 'Bounce type', bounceTypes)}${button('bounce')}
        <span class="sep"></span>${picker('complain', 'Complaint type', complaintTypes)}${button('complain')}
        <span class="sep"></span>${button('read')}${button('click')}
      </div>
      ${reasons.map((reason) => html`<p class="muted why">${reason}</p>`)}
    </div>`
  }

  async function load() {
    const id = state.selectedId
    if (!id) return
    let m: MessageDetail
    try {
      m = await api<MessageDetail>('GET', `/messages/${encodeURIComponent(id)}`)
    } catch (error) {
      if (error instanceof UnreachableError) throw error // the banner says so, and the page keeps what it showed
      if (state.selectedId === id) render(detail, html`<div class="empty">${(error as Error).message}</div>`)
      return
    }
    if (state.selectedId !== id) return // a reset (or another pick) came while this was loading
    render(
      detail,
      html`<h2 class="title">${('subject' in m && m.subject) || '(no subject)'}</h2>
      <dl class="facts">
        ${fact('messageId', html`<code>${m.messageId}</code>`)}
        ${fact('from', m.from)}
        ${fact('accepted', html`<time>${m.requestTimestamp}</time>`)}
        ${fact('content', m.contentType)}
        ${m.correlationId && fact('correlationId', m.correlationId)}
        ${m.callbackData && fact('callbackData', m.callbackData)}
        ${m.notifyUrl && fact('notifyUrl', m.notifyUrl)}
        ${m.serviceId && fact('service', m.serviceId)}
      </dl>
      <h3 class="section">Recipients</h3>${m.recipients.map((r) => recipientCard(m, r))}
      <h3 class="section">Webhooks (${m.deliveries.length})</h3>
      ${m.deliveries.length ? m.deliveries.map(deliveryCard) : html`<div class="muted">No webhook deliveries yet.</div>`}`,
    )
  }

  return {
    loaders: { detail: load },
    actions: {
      act: async (el) => {
        const box = el.closest<HTMLElement>('.actions')!
        const action = el.dataset.action as ManualActionName
        const body: { action: ManualActionName; type?: string } = { action }
        if (action === 'bounce' || action === 'complain')
          body.type = box.querySelector<HTMLSelectElement>(`select[data-choice="${action}"]`)!.value
        const { id = '', address = '' } = box.dataset
        await api('POST', `/messages/${encodeURIComponent(id)}/recipients/${encodeURIComponent(address)}/actions`, body)
        ctx.want('detail', 'messages')
      },
      replay: async (el) => {
        await api('POST', `/webhooks/${encodeURIComponent(el.dataset.delivery ?? '')}/replay`)
        ctx.want('detail', 'webhooks', 'failed')
      },
    },
    reset() {
      state.selectedId = null
      choices.clear()
      render(detail, html`<div class="empty">The emulator was reset.</div>`)
    },
  }
}
