/**
 * @module One message on the Message tab (GET /_emulator/messages/:id), any channel's: its facts
 * (the channel's own from its detail renderer), each recipient's receipts with the channel's
 * manual-action buttons (enabled only while the recipient waits for a decision, with the reason
 * when not), and every webhook delivery with its attempts and payload.
 */
import { UnreachableError } from './api.js'
import type { MessageDetail, Recipient } from './api-types.js'
import { detailsOf, fact } from './channel-details.js'
import type { ConsoleContext, View } from './context.js'
import { deliveryCard } from './delivery-card.js'
import { diagnosticText } from './format.js'
import { badge, byId, html, type Markup, render } from './html.js'
import { unavailableActions } from './recipient-actions.js'
import type { ConsoleChannel } from './vocabulary.js'

/**
 * How many recipients, and how many webhook deliveries, a message shows until "Show all": an SMS may
 * go to 1,000 numbers with a delivery per receipt, and drawing them all took seconds, again on every
 * live update while the message was open.
 */
const firstShown = 100

/** The first {@link firstShown} of `items` unless all were asked for, with a line saying what was left out. */
function shownPart<T>(items: readonly T[], all: boolean, what: string, messageId: string): [readonly T[], Markup] {
  if (all || items.length <= firstShown) return [items, html``]
  return [
    items.slice(0, firstShown),
    html`<p class="muted more">The first ${firstShown} of ${items.length} ${what}. <button data-do="show-all" data-id="${messageId}">Show all ${items.length}</button></p>`,
  ]
}

const options = (values: readonly string[], chosen: string | undefined) =>
  values.map((v) => html`<option${v === chosen && ' selected'}>${v}</option>`)

export function createMessageDetail(ctx: ConsoleContext): View {
  const { api, state } = ctx
  const channels = new Map(ctx.vocabulary.channels.map((c) => [c.name, c]))
  /** The choice made per recipient and action (a bounce type, a failure code), kept across re-renders. */
  const choices = new Map<string, Record<string, string>>()
  /** Messages whose every recipient and delivery were asked for. */
  const showingAll = new Set<string>()
  const detail = byId('detail')

  document.addEventListener('change', (event) => {
    const select = event.target
    if (!(select instanceof HTMLSelectElement)) return
    const action = select.dataset.choice
    const box = select.closest<HTMLElement>('.actions')
    if (!action || !box) return
    const key = `${box.dataset.id} ${box.dataset.address}`
    choices.set(key, { ...choices.get(key), [action]: select.value })
  })

  function actionButtons(m: MessageDetail, r: Recipient, channel: ConsoleChannel): Markup {
    const choice = choices.get(`${m.messageId} ${r.address}`) ?? {}
    const unavailable = unavailableActions(channel, r)
    const reasons = [...new Set(Object.values(unavailable))]
    return html`<div class="actions" data-id="${m.messageId}" data-address="${r.address}">
        ${channel.actions.map(
          ({ name, choice: pick }, i) =>
            html`${i > 0 && pick && html`<span class="sep"></span>`}${
              pick &&
              html`<select data-choice="${name}" data-field="${pick.field}" aria-label="${name} ${pick.field}"${unavailable[name] && ' disabled'}>${options(pick.values, choice[name])}</select>`
            }<button data-do="act" data-action="${name}"${unavailable[name] && html` disabled title="${unavailable[name]}"`}>${name}</button>`,
        )}
      </div>
      ${reasons.map((reason) => html`<p class="muted why">${reason}</p>`)}`
  }

  function recipientCard(m: MessageDetail, r: Recipient): Markup {
    const channel = channels.get(m.channel)
    return html`<div class="card recipient" data-id="${m.messageId}" data-address="${r.address}">
      <div class="row"><strong class="address">${r.address}</strong><span class="muted">${detailsOf(m).recipient(r)}</span>${badge(r.status)}
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
      ${channel && actionButtons(m, r, channel)}
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
    const shown = detailsOf(m)
    const all = showingAll.has(m.messageId)
    const [recipients, moreRecipients] = shownPart(m.recipients, all, 'recipients', m.messageId)
    const [deliveries, moreDeliveries] = shownPart(m.deliveries, all, 'deliveries', m.messageId)
    render(
      detail,
      html`<h2 class="title">${shown.title(m)}</h2>
      <dl class="facts">
        ${fact('channel', html`<span class="channel">${channels.get(m.channel)?.label ?? m.channel}</span>`)}
        ${fact('messageId', html`<code>${m.messageId}</code>`)}
        ${fact('from', m.from)}
        ${fact('accepted', html`<time>${m.requestTimestamp}</time>`)}
        ${shown.facts(m)}
        ${m.correlationId && fact('correlationId', m.correlationId)}
        ${m.callbackData && fact('callbackData', m.callbackData)}
        ${m.notifyUrl && fact('notifyUrl', m.notifyUrl)}
        ${m.serviceId && fact('service', m.serviceId)}
      </dl>${shown.body(m)}
      <h3 class="section">Recipients</h3>${recipients.map((r) => recipientCard(m, r))}${moreRecipients}
      <h3 class="section">Webhooks (${m.deliveries.length})</h3>
      ${deliveries.length ? deliveries.map(deliveryCard) : html`<div class="muted">No webhook deliveries yet.</div>`}${moreDeliveries}`,
    )
  }

  return {
    loaders: { detail: load },
    controls: {
      'show-all': (el) => {
        showingAll.add(el.dataset.id ?? '')
        ctx.want('detail')
      },
    },
    actions: {
      act: async (el) => {
        const box = el.closest<HTMLElement>('.actions')!
        const action = el.dataset.action ?? ''
        const body: Record<string, string> = { action }
        const pick = box.querySelector<HTMLSelectElement>(`select[data-choice="${action}"]`)
        if (pick?.dataset.field) body[pick.dataset.field] = pick.value
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
      showingAll.clear()
      render(detail, html`<div class="empty">The emulator was reset.</div>`)
    },
  }
}
