/**
 * @module /_emulator/webhooks: deliveries with every attempt, replay of failed ones, and the
 * service-level targets.
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import { deliveryQuerySchema, targetInputSchema, targetPatchSchema } from '../../core/schemas/control.js'
import { parseJson, parseQuery } from '../parse-input.js'

const noTarget = (id: string) =>
  new EmulatorError('not_found', `No webhook target "${id}"; GET /_emulator/webhooks/targets lists them`)
const noDelivery = (id: string) =>
  new EmulatorError('not_found', `No webhook delivery "${id}"; GET /_emulator/webhooks lists them`)

export function createWebhookRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/webhooks/targets', (c) => c.json({ targets: emulator.targets() }))
    .post('/webhooks/targets', async (c) => c.json(emulator.addTarget(await parseJson(c, targetInputSchema)), 201))
    .patch('/webhooks/targets/:id', async (c) => {
      const patch = await parseJson(c, targetPatchSchema)
      const target = emulator.updateTarget(c.req.param('id'), patch)
      if (!target) throw noTarget(c.req.param('id'))
      return c.json(target)
    })
    .delete('/webhooks/targets/:id', (c) => {
      if (!emulator.removeTarget(c.req.param('id'))) throw noTarget(c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/webhooks', (c) => {
      const q = parseQuery(c, deliveryQuerySchema)
      return c.json({
        deliveries: emulator
          .deliveries()
          .filter((d) => (!q.state || d.state === q.state) && (!q.messageId || d.transid === q.messageId)),
      })
    })
    .post('/webhooks/replay', (c) => c.json({ replayed: emulator.replayFailed() }))
    .get('/webhooks/:id', (c) => {
      const delivery = emulator.delivery(c.req.param('id'))
      if (!delivery) throw noDelivery(c.req.param('id'))
      return c.json(delivery)
    })
    .post('/webhooks/:id/replay', (c) => {
      const delivery = emulator.delivery(c.req.param('id'))
      if (!delivery) throw noDelivery(c.req.param('id'))
      if (!emulator.replay(delivery.id))
        throw new EmulatorError(
          'conflict',
          `Delivery ${delivery.id} is ${delivery.state}; only failed deliveries can be replayed`,
        )
      return c.json({ replayed: 1 })
    })
}
