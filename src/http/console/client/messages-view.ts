/**
 * @module The message timeline on the left (GET /_emulator/messages), every channel's, each with
 * its channel's label; filtered by channel (the server's list of them) and by recipient. Times
 * are shown against the emulator's clock, read alongside: a message from an earlier day shows its
 * date, so after "advance 7d" last week's mail does not pass for today's. The newest 100 at first;
 * "Show older" asks for 100 more each time, and every refresh (live updates included) reloads all
 * that were asked for, down to the oldest line shown, so older lines keep up with their receipts
 * too and new mail does not push them out.
 */
import { ApiError } from './api.js'
import type { ClockState, MessagePage } from './api-types.js'
import { detailsOf } from './channel-details.js'
import { showClock } from './clock-view.js'
import type { ConsoleContext, View } from './context.js'
import { fullTime, listTime } from './format.js'
import { badge, byId, html, render } from './html.js'

/** How many messages the list shows at first, and how many more "Show older" adds. */
const pageSize = 100
/** GET /messages's largest page (its `limit`). */
const largestPage = 1000

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
  /** How many of the newest messages to show: a page, plus one for each "Show older". */
  let wanted = pageSize
  /**
   * Once "Show older" was pressed, the oldest line shown: the list reaches down to it while new mail
   * joins the top (a count alone let each new message push one of the older lines asked for out).
   */
  let keepTo: string | null = null
  const startAgain = () => {
    wanted = pageSize
    keepTo = null
  }
  const filter = byId<HTMLInputElement>('messages-filter')
  filter.addEventListener('input', () => {
    startAgain()
    ctx.want('messages')
  })
  const channelFilter = byId<HTMLSelectElement>('messages-channel')
  const labels = new Map(ctx.vocabulary.channels.map((c) => [c.name, c.label]))
  render(
    channelFilter,
    html`<option value="">all channels</option>${ctx.vocabulary.channels.map((c) => html`<option value="${c.name}">${c.label}</option>`)}`,
  )
  channelFilter.addEventListener('change', () => {
    startAgain()
    ctx.want('messages')
  })

  /**
   * The newest `count` messages matching the filters, and on down to `keepTo` when it is still
   * listed: one request up to the API's largest page, then the next pages by their cursors (which
   * stay put while new mail arrives). A `keepTo` dropped from the store took every older one with
   * it, so the walk ends at the list's end, past no more than it would have shown.
   */
  async function newest(filters: Record<string, string>, count: number, keepTo: string | null): Promise<MessagePage> {
    const pageOf = (limit: number, cursor?: string) =>
      api<MessagePage>(
        'GET',
        `/messages?${new URLSearchParams({ ...filters, limit: String(limit), ...(cursor && { cursor }) })}`,
      )
    const first = await pageOf(Math.min(count, largestPage))
    const messages = [...first.messages]
    const reached = (page: readonly { messageId: string }[]) =>
      keepTo === null || page.some((m) => m.messageId === keepTo)
    let kept = reached(first.messages)
    let next = first.nextCursor
    while (next && (messages.length < count || !kept)) {
      let page: MessagePage
      try {
        page = await pageOf(Math.min(Math.max(count - messages.length, pageSize), largestPage), next)
      } catch (error) {
        // The cursor's message was dropped in between (the store keeps at most maxMessages): show
        // what came; the next refresh walks again from the top.
        if (error instanceof ApiError && error.status === 400) break
        throw error
      }
      messages.push(...page.messages)
      kept ||= reached(page.messages)
      next = page.nextCursor
    }
    // The last page, asked for blind, may run past `keepTo`: the lines below it were not asked for.
    // (Gone from the store, it took the older ones with it: then the walk ended at the list's end.)
    const end = keepTo === null ? -1 : messages.findIndex((m) => m.messageId === keepTo)
    const keep = keepTo !== null && end === -1 ? messages.length : Math.max(count, end + 1)
    return { ...first, messages: messages.slice(0, keep) }
  }

  async function load() {
    const recipient = filter.value.trim()
    const channel = channelFilter.value
    const match = recipient.toLowerCase()
    const [data, clock] = await Promise.all([
      newest({ ...(channel && { channel }), ...(recipient && { recipient }) }, wanted, keepTo),
      api<ClockState>('GET', '/clock'),
    ])
    showClock(ctx, clock)
    const shown = data.messages.length
    if (wanted > pageSize) {
      keepTo = data.messages.at(-1)?.messageId ?? null
      wanted = Math.max(wanted, shown)
    }
    byId('messages-count').textContent = data.total > shown ? `(${shown} of ${data.total})` : `(${data.total})`
    if (shown === 0) {
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
      )}${
        data.total > shown &&
        html`<li class="older"><button data-do="messages-older">Show ${Math.min(pageSize, data.total - shown)} older</button> <span class="muted">${data.total - shown} not shown</span></li>`
      }`,
    )
  }

  return {
    loaders: { messages: load },
    controls: {
      'messages-older': () => {
        wanted += pageSize
        ctx.want('messages')
      },
      select: (el) => {
        state.selectedId = el.dataset.id ?? null
        for (const li of document.querySelectorAll<HTMLElement>('#messages li.msg'))
          li.classList.toggle('selected', li.dataset.id === state.selectedId)
        ctx.showTab('message')
        ctx.want('detail')
      },
    },
    reset: startAgain,
  }
}
