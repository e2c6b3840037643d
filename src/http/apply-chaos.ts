/**
 * @module API-side chaos for POST /v2/messages (config `chaos`, or PUT /_emulator/chaos): the core
 * decides, seeded; this adapter waits on the wall clock and shapes the answer.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/errors.js'

/** Waits when the request drew a slow answer; throws 7020 or returns the injected 5xx when it drew one. */
export async function applyChaos(c: Context, emulator: Emulator): Promise<Response | undefined> {
  const decision = emulator.chaosDecision(Date.now())
  if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs))
  const reject = decision.reject
  if (reject?.kind === 'rate-limited') {
    c.header('Retry-After', String(Math.max(1, Math.ceil(reject.retryAfterMs / 1000))))
    throw new EmulatorError(
      'rate_limited',
      `Rate limit exceeded: more than ${emulator.chaos()?.rateLimitPerSecond} requests per second (chaos.rateLimitPerSecond); retry after the Retry-After header's seconds`,
    )
  }
  if (reject?.kind === 'error') {
    return c.json(
      {
        code: String(reject.status),
        message: `Injected failure (chaos.errorRate): the emulator answered ${reject.status} on purpose; retry the request`,
      },
      reject.status as ContentfulStatusCode,
    )
  }
  return undefined
}
