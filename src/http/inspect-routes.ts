/**
 * @module Read-only inspection under /_emulator: health, messages and webhook attempts.
 */
import { Hono } from 'hono'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/errors.js'

export function createInspectRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/messages', (c) => c.json({ messages: emulator.messages() }))
    .get('/messages/:messageId', (c) => {
      const message = emulator.message(c.req.param('messageId'))
      if (!message) throw new EmulatorError('not_found', `No message with id "${c.req.param('messageId')}" (it may never have existed, or been evicted past limits.maxMessages)`)
      return c.json(message)
    })
    .get('/webhooks', (c) => c.json({ deliveries: emulator.deliveries() }))
    .get('/stats', (c) => c.json(emulator.stats()))
}
