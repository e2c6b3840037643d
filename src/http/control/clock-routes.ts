/**
 * @module /_emulator/clock and /_emulator/reset.
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { advanceInputSchema, clockModeInputSchema, resetInputSchema } from '../../core/schemas/control.js'
import { parseJson, parseOptionalJson } from '../parse-input.js'

export function createClockRoutes(emulator: Emulator): Hono {
  return new Hono()
    .get('/clock', (c) => c.json(emulator.clockState()))
    .put('/clock', async (c) => {
      emulator.setClockMode((await parseJson(c, clockModeInputSchema)).mode)
      return c.json(emulator.clockState())
    })
    .post('/clock/advance', async (c) => {
      await emulator.advance((await parseJson(c, advanceInputSchema)).by)
      return c.json(emulator.clockState())
    })
    .post('/reset', async (c) => {
      emulator.reset(await parseOptionalJson(c, resetInputSchema))
      return c.json({ reset: true })
    })
}
