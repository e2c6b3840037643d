/**
 * @module /_emulator state a developer sets by hand: the bounce list, unsubscribes, sandbox mode and
 * verified addresses, and outcome rules.
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/errors.js'
import { compileRules } from '../../core/outcomes/rules.js'
import { ruleSchema } from '../../core/schemas/config.js'
import { sandboxInputSchema, suppressInputSchema, unsubscribeInputSchema } from '../../core/schemas/control.js'
import { parseJson } from '../parse-input.js'

export function createStateRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/suppression', (c) => c.json({ entries: emulator.suppressed() }))
    .post('/suppression', async (c) => {
      const input = await parseJson(c, suppressInputSchema)
      return c.json(emulator.suppress(input.address, { retentionMs: input.for === 'never' ? null : input.for, reason: input.reason }), 201)
    })
    .delete('/suppression/:address', (c) => {
      if (!emulator.unsuppress(c.req.param('address'))) throw new EmulatorError('not_found', `${c.req.param('address')} is not on the bounce list`)
      return c.body(null, 204)
    })
    .get('/unsubscribes', (c) => c.json({ entries: emulator.unsubscribed() }))
    .post('/unsubscribes', async (c) => {
      const { sender, address } = await parseJson(c, unsubscribeInputSchema)
      return c.json(emulator.unsubscribe(sender, address), 201)
    })
    .delete('/unsubscribes/:sender/:address', (c) => {
      if (!emulator.resubscribe(c.req.param('sender'), c.req.param('address'))) {
        throw new EmulatorError('not_found', `${c.req.param('address')} is not unsubscribed from ${c.req.param('sender')}`)
      }
      return c.body(null, 204)
    })
    .get('/sandbox', (c) => c.json(emulator.sandbox()))
    .put('/sandbox', async (c) => {
      emulator.setSandbox(await parseJson(c, sandboxInputSchema))
      return c.json(emulator.sandbox())
    })
    .delete('/sandbox/verified/:address', (c) => {
      if (!emulator.unverify(c.req.param('address'))) throw new EmulatorError('not_found', `${c.req.param('address')} is not verified`)
      return c.body(null, 204)
    })
    .get('/rules', (c) => c.json({ rules: emulator.rules() }))
    .post('/rules', async (c) => {
      const rule = await parseJson(c, ruleSchema)
      try {
        compileRules([rule])
      } catch (error) {
        throw new EmulatorError('invalid_request', (error as Error).message.replace('rules[0].', ''))
      }
      emulator.addRule(rule)
      return c.json({ rules: emulator.rules() }, 201)
    })
    .delete('/rules/:index', (c) => {
      const index = Number(c.req.param('index'))
      if (!Number.isInteger(index) || !emulator.removeRule(index)) throw new EmulatorError('not_found', `No rule at index ${c.req.param('index')}; GET /_emulator/rules lists them`)
      return c.body(null, 204)
    })
}
