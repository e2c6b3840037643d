/**
 * @module /_emulator/inbound: inject what the platform pushes to apps — incoming email (MO),
 * Unsubscribe and Subscribe — and list what was injected.
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { inboundEmailInputSchema, subscriptionInputSchema } from '../../core/schemas/control.js'
import { parseJson } from '../parse-input.js'

export function createInboundRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/inbound', (c) => c.json({ events: emulator.inbound() }))
    .post('/inbound/email', async (c) =>
      c.json(emulator.injectInboundEmail(await parseJson(c, inboundEmailInputSchema)), 201),
    )
    .post('/inbound/unsubscribe', async (c) =>
      c.json(emulator.injectSubscription('Unsubscribe', await parseJson(c, subscriptionInputSchema)), 201),
    )
    .post('/inbound/subscribe', async (c) =>
      c.json(emulator.injectSubscription('Subscribe', await parseJson(c, subscriptionInputSchema)), 201),
    )
}
