/**
 * @module The message timeline on the left (GET /_emulator/messages), every channel's, each with
 * its channel's label; filtered by channel (the server's list of them) and by recipient. Times
 * are shown against the emulator's clock, read alongside: a message from an earlier day shows its
 * date, so after "advance 7d" last week's mail does not pass for today's.
 */
import type { ClockState, MessagePage } from './api-types.js'
import { detailsOf } from './channel-details.js'
import { showClock } from './clock-view.js'
import type { ConsoleContext, View } from './context.js'
import { fullTime, listTime } from './format.js'
import { badge, byId, html, render } from './html.js'

/** Recipients named on a message's line in the list; the rest are counted (an SMS may have 1,000, a page of lines each). */
const chipsShown = 10

/**
 * A line's recipients in the order it names them: while the list is filtered by recipient, the
 * ones the filter matched come first (the line is listed for them, so they must not hide among the
 * counted rest), each marked. Matched as GET /messages matches `recipient=`: part of the address,
 * trimmed and lower-cased (addresses are kept lower-cased).
 */
function named<R extends { address: string }>(recipients: readonly R[], filter: string): Array<[R, boolean]> {
  if (!filter) return recipients.slice(0, chipsShown).map((r) => [r, false])
  const matching: Array<[R, boolean]> = []
  const others: Array<[R, boolean]> = []
  for (const r of recipients) {
    if (r.address.includes(filter)) matching.push([r, true])
    else if (others.length < chipsShown) others.push([r, false])
  }
  return [...matching, ...others].slice(0, chipsShown)
}

export function createMessagesView(ctx: ConsoleContext): View {
  const { api, state } = ctx
  const filter = byId<HTMLInputElement>('messages-filter')
  filter.addEventListener('input', () => ctx.want('messages'))
  const channelFilter = byId<HTMLSelectElement>('messages-channel')
  const labels = new Map(ctx.vocabulary.channels.map((c) => [c.name, c.label]))
  render(
    channelFilter,
    html`<option value="">all channels</option>${ctx.vocabulary.channels.map((c) => html`<option value="${c.name}">${c.label}</option>`)}`,
  )
  channelFilter.addEventListener('change', () => ctx.want('messages'))

  async function load() {
    const recipient = filter.value.trim()
    const channel = channelFilter.value
    const match = recipient.toLowerCase()
    const query = new URLSearchParams({ ...(channel && { channel }), ...(recipient && { recipient }) }).toString()
    const [data, clock] = await Promise.all([
      api<MessagePage>('GET', `/messages${query && `?${query}`}`),
      api<ClockState>('GET', '/clock'),
    ])
    showClock(ctx, clock)
    byId('messages-count').textContent =
      data.total > data.messages.length ? `(${data.messages.length} of ${data.total})` : `(${data.total})`
    if (data.messages.length === 0) {
      render(
        byId('messages'),
        html`<li class="empty">${
          recipient || channel
            ? `No ${channel ? `${labels.get(channel) ?? channel} ` : ''}message${recipient ? ' to a matching recipient' : ''}.`
            : 'No messages yet. Send one to POST /v2/messages.'
        }</li>`,
      )
      return
    }
    render(
      byId('messages'),
      html`${data.messages.map(
        (
          m,
        ) => html`<li class="msg${m.messageId === state.selectedId && ' selected'}" data-do="select" data-id="${m.messageId}" data-channel="${m.channel}">
          <div class="msg-top"><span class="channel">${labels.get(m.channel) ?? m.channel}</span><span class="msg-subject">${detailsOf(m).summary(m) || html`<span class="muted">(empty)</span>`}</span>
            <time datetime="${new Date(m.acceptedAt).toISOString()}" title="${fullTime(m.acceptedAt)} UTC">${listTime(m.acceptedAt, clock.now)}</time></div>
          <div class="muted">from ${m.from}</div>
          <div class="rcpts">${named(m.recipients, match).map(([r, matched]) => html`<span class="rcpt${matched && ' match'}">${r.address} ${badge(r.status)}</span> `)}${
            m.recipients.length > chipsShown &&
            html`<span class="muted more">+${m.recipients.length - chipsShown} more</span>`
          }</div></li>`,
      )}`,
    )
  }

  return {
    loaders: { messages: load },
    controls: {
      select: (el) => {
        state.selectedId = el.dataset.id ?? null
        for (const li of document.querySelectorAll<HTMLElement>('#messages li.msg'))
          li.classList.toggle('selected', li.dataset.id === state.selectedId)
        ctx.showTab('message')
        ctx.want('detail')
      },
    },
  }
}
