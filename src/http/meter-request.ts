/**
 * @module The tenant's rate limit and daily quota on the vendor API (`rateLimit`): the core meters
 * each request, this adapter answers a refusal as configured — by default HTTP 400 in the API
 * gateway's envelope, as a production client's tests record it (hmrc/email ImiConnectorSpec:
 * `{"detail":{"response_message":{"code":"7020","message":"You have reached maximum transaction
 * limit (rate)."},"status_code":"400"},…}`), or HTTP 429 with the flat body and Retry-After.
 */
import type { Context } from 'hono'
import type { EmulatorCore, EngineHost } from '../core/emulator.js'
import type { MeterHeaders } from '../core/kernel/api-meter.js'
import { EmulatorError } from '../core/kernel/errors.js'

/** Meters the request; returns the limit headers for the answer, or throws 7020. */
export function meterRequest(c: Context, emulator: EmulatorCore, host: EngineHost, wallNow: number): MeterHeaders {
  const decision = host.meter(wallNow)
  if (decision.admitted) return decision.headers
  const { perSecond, perDay, answer } = emulator.rateLimit()
  const message = `You have reached maximum transaction limit (${decision.limit}).`
  const detail =
    decision.limit === 'rate'
      ? `more than ${perSecond} requests in one second (rateLimit.perSecond)`
      : `more than ${perDay} requests today (rateLimit.perDay); the quota resets at 00:00 UTC on the emulator's clock`
  if (answer === 'http-429') {
    c.header('Retry-After', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))))
    throw new EmulatorError('rate_limited', message, undefined, detail)
  }
  throw new EmulatorError('rate_limited_gateway', message, undefined, detail)
}
