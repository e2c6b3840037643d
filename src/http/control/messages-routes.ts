/**
 * @module /_emulator/messages: list (filtered, paginated), one message with its webhook deliveries,
 * and manual actions on a held recipient.
 */
import { Hono } from 'hono'
import { manualActionSchema } from '../../core/channels/email/manual-actions.js'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import { messageQuerySchema } from '../../core/schemas/control.js'
import { parseJson, parseQuery } from '../parse-input.js'

export function createMessagesRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/messages', (c) => c.json(emulator.findMessages(parseQuery(c, messageQuerySchema))))
    .get('/messages/:messageId', (c) => {
      const message = emulator.message(c.req.param('messageId'))
      if (!message)
        throw new EmulatorError(
          'not_found',
          `No message with id "${c.req.param('messageId')}" (it may never have existed, or been evicted past limits.maxMessages)`,
        )
      return c.json({ ...message, deliveries: emulator.deliveries().filter((d) => d.transid === message.messageId) })
    })
    .post('/messages/:messageId/recipients/:address/actions', async (c) => {
      const action = await parseJson(c, manualActionSchema)
      return c.json({ recipient: emulator.act(c.req.param('messageId'), c.req.param('address'), action) })
    })
}
