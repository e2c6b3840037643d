/**
 * @module The vendor API we copy: POST /v2/messages (Send Message API v2, email channel).
 */
import { Hono } from 'hono'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { applyChaos } from './apply-chaos.js'
import { authenticate } from './auth.js'
import { meterRequest } from './meter-request.js'
import { readJsonBody } from './read-json-body.js'
import { vendorJson } from './vendor-json.js'

export interface VendorRoutesOptions {
  /** Wall time for JWT ages and the per-second rate limit (tests inject their own). */
  wallClock?: () => number
}

export function createVendorRoutes(emulator: Emulator, { wallClock = Date.now }: VendorRoutesOptions = {}): Hono {
  return new Hono().post('/v2/messages', async (c) => {
    const injected = await applyChaos(c, emulator)
    if (injected) return injected
    // JWT iat is judged on wall time: clients sign with it, while a sped-up emulated clock runs ahead.
    const auth = authenticate(
      { key: c.req.header('key'), authorization: c.req.header('authorization') },
      emulator.config,
      wallClock(),
    )
    if ('refused' in auth) throw new EmulatorError('unauthorized', '', undefined, auth.refused)
    const limits = meterRequest(c, emulator, wallClock())
    const response = emulator.send(await readJsonBody(c), auth)
    return vendorJson(c, response, 201, { ...limits })
  })
}
