/**
 * @module /_emulator/webhooks: deliveries with every attempt, replay of failed ones, and the
 * service-level targets.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/errors.js'
import { webhookTargetSchema } from '../../core/schemas/config.js'
import { targetPatchSchema } from '../../core/schemas/control.js'
import { parseJson, parseQuery } from '../parse-input.js'

export const deliveryQuerySchema = z.object({
  state: z.enum(['pending', 'in-flight', 'delivered', 'failed']).optional(),
  messageId: z.string().optional(),
})

const noTarget = (id: string) => new EmulatorError('not_found', `No webhook target "${id}"; GET /_emulator/webhooks/targets lists them`)

export function createWebhookRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/webhooks/targets', (c) => c.json({ targets: emulator.targets() }))
    .post('/webhooks/targets', async (c) => c.json(emulator.addTarget(await parseJson(c, webhookTargetSchema)), 201))
    .patch('/webhooks/targets/:id', async (c) => {
      const patch = await parseJson(c, targetPatchSchema)
      const target = emulator.updateTarget(c.req.param('id'), Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
      if (!target) throw noTarget(c.req.param('id'))
      return c.json(target)
    })
    .delete('/webhooks/targets/:id', (c) => {
      if (!emulator.removeTarget(c.req.param('id'))) throw noTarget(c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/webhooks', (c) => {
      const q = parseQuery(c, deliveryQuerySchema)
      return c.json({ deliveries: emulator.deliveries().filter((d) => (!q.state || d.state === q.state) && (!q.messageId || d.transid === q.messageId)) })
    })
    .post('/webhooks/replay', (c) => c.json({ replayed: emulator.replayFailed() }))
    .get('/webhooks/:id', (c) => {
      const delivery = emulator.delivery(c.req.param('id'))
      if (!delivery) throw new EmulatorError('not_found', `No webhook delivery "${c.req.param('id')}"`)
      return c.json(delivery)
    })
    .post('/webhooks/:id/replay', (c) => {
      const delivery = emulator.delivery(c.req.param('id'))
      if (!delivery) throw new EmulatorError('not_found', `No webhook delivery "${c.req.param('id')}"`)
      if (!emulator.replay(delivery.id)) throw new EmulatorError('invalid_request', `Delivery ${delivery.id} is ${delivery.state}; only failed deliveries can be replayed`)
      return c.json({ replayed: 1 })
    })
}
