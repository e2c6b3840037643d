/**
 * @module /_emulator state a developer sets by hand: the bounce list, unsubscribes, sandbox mode and
 * verified addresses, and outcome rules.
 */
import { Hono } from 'hono'
import { compileRules } from '../../core/channels/email/outcomes/rules.js'
import type { SuppressionEntry } from '../../core/channels/email/suppression-list.js'
import type { Emulator } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import {
  ruleInputSchema,
  sandboxInputSchema,
  suppressInputSchema,
  unsubscribeInputSchema,
} from '../../core/schemas/control.js'
import { parseJson } from '../parse-input.js'

/** `expiresAt: null` (listed until removed) rather than a missing key. */
const entryJson = (entry: SuppressionEntry) => ({ ...entry, expiresAt: entry.expiresAt ?? null })

export function createStateRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/suppression', (c) => c.json({ entries: emulator.suppressed().map(entryJson) }))
    .post('/suppression', async (c) => {
      const input = await parseJson(c, suppressInputSchema)
      return c.json(entryJson(emulator.suppress(input.address, { retentionMs: input.for, reason: input.reason })), 201)
    })
    .delete('/suppression/:address', (c) => {
      if (!emulator.unsuppress(c.req.param('address')))
        throw new EmulatorError(
          'not_found',
          `${c.req.param('address')} is not on the bounce list; GET /_emulator/suppression lists it`,
        )
      return c.body(null, 204)
    })
    .get('/unsubscribes', (c) => c.json({ entries: emulator.unsubscribed() }))
    .post('/unsubscribes', async (c) => {
      const { sender, address } = await parseJson(c, unsubscribeInputSchema)
      return c.json(emulator.unsubscribe(sender, address), 201)
    })
    .delete('/unsubscribes/:sender/:address', (c) => {
      if (!emulator.resubscribe(c.req.param('sender'), c.req.param('address'))) {
        throw new EmulatorError(
          'not_found',
          `${c.req.param('address')} is not unsubscribed from ${c.req.param('sender')}; GET /_emulator/unsubscribes lists the pairs`,
        )
      }
      return c.body(null, 204)
    })
    .get('/sandbox', (c) => c.json(emulator.sandbox()))
    .put('/sandbox', async (c) => {
      emulator.setSandbox(await parseJson(c, sandboxInputSchema))
      return c.json(emulator.sandbox())
    })
    .delete('/sandbox/verified/:address', (c) => {
      if (!emulator.unverify(c.req.param('address')))
        throw new EmulatorError(
          'not_found',
          `${c.req.param('address')} is not verified; GET /_emulator/sandbox lists what is`,
        )
      return c.body(null, 204)
    })
    .get('/rules', (c) => c.json({ rules: emulator.rules() }))
    .post('/rules', async (c) => {
      const rule = await parseJson(c, ruleInputSchema)
      try {
        compileRules([rule])
      } catch (error) {
        const { message, field } = error as EmulatorError
        throw new EmulatorError(
          'invalid_request',
          `Invalid request body: ${message.replace('rules[0].', '')}`,
          field?.replace('rules[0].', ''),
        )
      }
      emulator.addRule(rule)
      return c.json({ rules: emulator.rules() }, 201)
    })
    .delete('/rules/:index', (c) => {
      const raw = c.req.param('index')
      if (!/^\d+$/.test(raw))
        throw new EmulatorError(
          'invalid_request',
          `Invalid path at "index": "${raw}" is not a rule index (0, 1, …); GET /_emulator/rules lists them in order`,
          'index',
        )
      if (!emulator.removeRule(Number(raw)))
        throw new EmulatorError('not_found', `No rule at index ${raw}; GET /_emulator/rules lists them`)
      return c.body(null, 204)
    })
}
