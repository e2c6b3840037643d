/**
 * @module /_emulator fault settings for receivers' tests: per-target webhook faults
 * (`/webhooks/targets/:id/faults`), the tenant's rate limit and quota (`/rate-limit`) and API-side
 * chaos on the vendor API (`/chaos`).
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import { chaosSchema, faultsSchema, rateLimitSchema } from '../../core/schemas/config.js'
import { parseJson } from '../parse-input.js'

const noTarget = (id: string) =>
  new EmulatorError('not_found', `No webhook target "${id}"; GET /_emulator/webhooks/targets lists them`)

export function createFaultRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/webhooks/targets/:id/faults', (c) => {
      const target = emulator.targets().find((t) => t.id === c.req.param('id'))
      if (!target) throw noTarget(c.req.param('id'))
      return c.json({ faults: target.faults ?? null })
    })
    .put('/webhooks/targets/:id/faults', async (c) => {
      const faults = await parseJson(c, faultsSchema)
      const target = emulator.setFaults(c.req.param('id'), faults)
      if (!target) throw noTarget(c.req.param('id'))
      return c.json({ faults: target.faults ?? null })
    })
    .delete('/webhooks/targets/:id/faults', (c) => {
      if (!emulator.setFaults(c.req.param('id'), undefined)) throw noTarget(c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/rate-limit', (c) => c.json({ rateLimit: emulator.rateLimit(), counts: emulator.stats().rateLimit }))
    .put('/rate-limit', async (c) => c.json({ rateLimit: emulator.setRateLimit(await parseJson(c, rateLimitSchema)) }))
    .delete('/rate-limit', (c) => {
      emulator.setRateLimit({})
      return c.body(null, 204)
    })
    .get('/chaos', (c) => c.json({ chaos: emulator.chaos() ?? null, counts: emulator.stats().chaos }))
    .put('/chaos', async (c) => c.json({ chaos: emulator.setChaos(await parseJson(c, chaosSchema)) ?? null }))
    .delete('/chaos', (c) => {
      emulator.setChaos(undefined)
      return c.body(null, 204)
    })
}
