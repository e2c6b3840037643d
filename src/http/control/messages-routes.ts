/**
 * @module /_emulator/messages: list (filtered, paginated), one message with its webhook deliveries,
 * and manual actions on a recipient.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/errors.js'
import { manualActionSchema } from '../../core/manual-actions.js'
import { deliveryStatuses } from '../../core/receipt-kinds.js'
import { parseJson, parseQuery } from '../parse-input.js'

const instant = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or epoch milliseconds' })
    return z.NEVER
  }
  return ms
})

export const messageQuerySchema = z.object({
  recipient: z.string().optional(),
  sender: z.string().optional(),
  status: z.enum([...deliveryStatuses, 'Queued']).optional(),
  since: instant.optional(),
  until: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last messageId of the previous page. */
  cursor: z.string().optional(),
})

export function createMessagesRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/messages', (c) => {
      const q = parseQuery(c, messageQuerySchema)
      const recipient = q.recipient?.toLowerCase()
      const matching = emulator
        .messages()
        .reverse()
        .filter(
          (m) =>
            (!recipient || m.recipients.some((r) => r.address.includes(recipient))) &&
            (!q.sender || m.from.toLowerCase() === q.sender.toLowerCase()) &&
            (!q.status || m.recipients.some((r) => r.status === q.status)) &&
            (q.since === undefined || m.acceptedAt >= q.since) &&
            (q.until === undefined || m.acceptedAt <= q.until),
        )
      const start = q.cursor ? matching.findIndex((m) => m.messageId === q.cursor) + 1 : 0
      if (q.cursor && start === 0) throw new EmulatorError('invalid_request', `Invalid query at "cursor": no message "${q.cursor}" in this listing`, 'cursor')
      const page = matching.slice(start, start + q.limit)
      const more = start + q.limit < matching.length
      return c.json({ messages: page, total: matching.length, nextCursor: more ? page.at(-1)!.messageId : null })
    })
    .get('/messages/:messageId', (c) => {
      const message = emulator.message(c.req.param('messageId'))
      if (!message) throw new EmulatorError('not_found', `No message with id "${c.req.param('messageId')}" (it may never have existed, or been evicted past limits.maxMessages)`)
      return c.json({ ...message, deliveries: emulator.deliveries().filter((d) => d.transid === message.messageId) })
    })
    .post('/messages/:messageId/recipients/:address/actions', async (c) => {
      const action = await parseJson(c, manualActionSchema)
      const recipient = emulator.act(c.req.param('messageId'), c.req.param('address'), action)
      return c.json({ recipient })
    })
}
