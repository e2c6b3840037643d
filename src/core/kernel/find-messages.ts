/**
 * @module The control API's message listing: newest first, filtered, one page at a time. The
 * cursor is the last messageId of the previous page, so pages stay stable while new mail arrives.
 */
import { normaliseAddress } from './addresses.js'
import { EmulatorError } from './errors.js'
import type { BaseMessage } from './message-store.js'

export interface MessageQuery {
  /** Only this channel's messages. */
  channel?: string | undefined
  recipient?: string | undefined
  sender?: string | undefined
  /** A recipient's current status ("Delivered", "Queued", …). */
  status?: string | undefined
  since?: number | undefined
  until?: number | undefined
  limit: number
  cursor?: string | undefined
}

export interface MessagePage<M extends BaseMessage = BaseMessage> {
  messages: M[]
  /** How many messages match the filters, over all pages. */
  total: number
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null
}

/** @example findMessages(store.list(), { recipient: 'ann@', status: 'Bounce', limit: 20 }) */
export function findMessages<M extends BaseMessage>(oldestFirst: readonly M[], q: MessageQuery): MessagePage<M> {
  const recipient = q.recipient === undefined ? undefined : normaliseAddress(q.recipient)
  const sender = q.sender === undefined ? undefined : normaliseAddress(q.sender)
  const matching = [...oldestFirst]
    .reverse()
    .filter(
      (m) =>
        (!recipient || m.recipients.some((r) => r.address.includes(recipient))) &&
        (!q.channel || m.channel === q.channel) &&
        (!sender || normaliseAddress(m.from) === sender) &&
        (!q.status || m.recipients.some((r) => r.status === q.status)) &&
        (q.since === undefined || m.acceptedAt >= q.since) &&
        (q.until === undefined || m.acceptedAt <= q.until),
    )
  const start = q.cursor ? matching.findIndex((m) => m.messageId === q.cursor) + 1 : 0
  if (q.cursor && start === 0) {
    throw new EmulatorError(
      'invalid_request',
      `Invalid query at "cursor": no message "${q.cursor}" in this listing (use the nextCursor of the previous page, with the same filters)`,
      'cursor',
    )
  }
  const messages = matching.slice(start, start + q.limit)
  return {
    messages,
    total: matching.length,
    nextCursor: start + q.limit < matching.length ? messages.at(-1)!.messageId : null,
  }
}
