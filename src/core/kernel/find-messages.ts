/**
 * @module The control API's message listing: newest first, filtered, one page at a time. The
 * cursor is the last messageId of the previous page, so pages stay stable while new mail arrives.
 */

import type { DeliveryStatus } from '../channels/email/receipt-kinds.js'
import { EmulatorError } from './errors.js'
import type { MessageRecord } from './message-store.js'

export interface MessageQuery {
  recipient?: string | undefined
  sender?: string | undefined
  status?: DeliveryStatus | 'Queued' | undefined
  since?: number | undefined
  until?: number | undefined
  limit: number
  cursor?: string | undefined
}

export interface MessagePage {
  messages: MessageRecord[]
  /** How many messages match the filters, over all pages. */
  total: number
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null
}

/** @example findMessages(store.list(), { recipient: 'ann@', status: 'Bounce', limit: 20 }) */
export function findMessages(oldestFirst: readonly MessageRecord[], q: MessageQuery): MessagePage {
  const recipient = q.recipient?.toLowerCase()
  const sender = q.sender?.toLowerCase()
  const matching = [...oldestFirst]
    .reverse()
    .filter(
      (m) =>
        (!recipient || m.recipients.some((r) => r.address.includes(recipient))) &&
        (!sender || m.from.toLowerCase() === sender) &&
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
