/**
 * @module API-side chaos on the vendor API (config `chaos`, or PUT /_emulator/chaos): the core
 * decides, seeded; this adapter waits on the wall clock and shapes the answer.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { EngineHost } from '../core/emulator.js'

/** Waits when the request drew a slow answer; returns the injected 5xx when it drew one. */
export async function applyChaos(
  c: Context,
  host: EngineHost,
  wait: (ms: number) => Promise<void>,
): Promise<Response | undefined> {
  const decision = host.chaosDecision()
  if (decision.delayMs > 0) await wait(decision.delayMs)
  const reject = decision.reject
  if (!reject) return undefined
  return c.json(
    {
      code: String(reject.status),
      message: `Injected failure (chaos.errorRate): the emulator answered ${reject.status} on purpose; retry the request`,
    },
    reject.status as ContentfulStatusCode,
  )
}
