/**
 * @module API-side chaos on POST /v2/messages, opt-in (`chaos` in config or PUT /_emulator/chaos):
 * a per-second rate limit answered with the vendor's 7020, injected 5xx and slow answers at a
 * configured rate. Seeded, so a run that found a bug can be replayed. The rate limit counts on the
 * wall clock the adapter passes in: clients throttle in real seconds, whatever the emulated speed.
 */
import type { Random } from './ids.js'
import { type ChaosConfig, chaosSchema } from './schemas/config.js'

export interface ChaosDecision {
  /** Answer only after this many wall-clock milliseconds (0: at once). */
  delayMs: number
  /** Refuse the request: 7020 rate limit, or an injected 5xx. */
  reject?: { kind: 'rate-limited'; retryAfterMs: number } | { kind: 'error'; status: number }
}

export interface ChaosCounts {
  requests: number
  rateLimited: number
  errors: number
  slow: number
}

export function createApiChaos(random: Random, initial: ChaosConfig | undefined) {
  let config = initial
  let window = { second: -1, count: 0 }
  const counts: ChaosCounts = { requests: 0, rateLimited: 0, errors: 0, slow: 0 }

  return {
    config: () => config,
    /** Replaces the settings; `undefined` turns chaos off. */
    set(next: unknown): ChaosConfig | undefined {
      config = next === undefined ? undefined : chaosSchema.parse(next)
      window = { second: -1, count: 0 }
      return config
    },
    counts: () => ({ ...counts }),
    /** Decides the fate of one request arriving at wall time `wallNow` (epoch ms). */
    decide(wallNow: number): ChaosDecision {
      if (!config) return { delayMs: 0 }
      counts.requests++
      const second = Math.floor(wallNow / 1000)
      if (second !== window.second) window = { second, count: 0 }
      window.count++
      if (config.rateLimitPerSecond !== undefined && window.count > config.rateLimitPerSecond) {
        counts.rateLimited++
        return { delayMs: 0, reject: { kind: 'rate-limited', retryAfterMs: (second + 1) * 1000 - wallNow } }
      }
      const slow = config.slowRate > 0 && random() < config.slowRate
      const error = config.errorRate > 0 && random() < config.errorRate
      if (slow) counts.slow++
      if (error) counts.errors++
      const delayMs = slow ? config.slowMs : 0
      return error ? { delayMs, reject: { kind: 'error', status: config.errorStatus } } : { delayMs }
    },
  }
}

export type ApiChaos = ReturnType<typeof createApiChaos>
