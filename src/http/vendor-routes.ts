/**
 * @module The vendor API we copy: POST /v2/messages (Send Message API v2, email channel).
 */
import { Hono } from 'hono'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/errors.js'
import { applyChaos } from './apply-chaos.js'
import { authenticate } from './auth.js'
import { readJsonBody } from './read-json-body.js'

export function createVendorRoutes(emulator: Emulator): Hono {
  return new Hono().post('/v2/messages', async (c) => {
    const injected = await applyChaos(c, emulator)
    if (injected) return injected
    // JWT iat is judged on wall time: clients sign with it, while a sped-up emulated clock runs ahead.
    const auth = authenticate(
      { key: c.req.header('key'), authorization: c.req.header('authorization') },
      emulator.config,
      Date.now(),
    )
    if ('refused' in auth) throw new EmulatorError('unauthorized', '', undefined, auth.refused)
    const response = emulator.send(await readJsonBody(c), auth)
    return c.json(response, 201)
  })
}
