/**
 * @module API-side chaos on the vendor API, opt-in (`chaos` in config or PUT /_emulator/chaos):
 * injected 5xx and slow answers at a configured rate. Seeded, so a run that found a bug can be
 * replayed. (Rate limits are the vendor's own behaviour, not chaos: see api-meter.ts.)
 */

import { type ChaosConfig, chaosSchema } from '../schemas/config.js'
import type { Random } from './ids.js'

export interface ChaosDecision {
  /** Answer only after this many wall-clock milliseconds (0: at once). */
  delayMs: number
  /** Refuse the request with an injected 5xx. */
  reject?: { kind: 'error'; status: number }
}

export interface ChaosCounts {
  requests: number
  errors: number
  slow: number
}

export function createApiChaos(random: Random, initial: ChaosConfig | undefined) {
  let config = initial
  const counts: ChaosCounts = { requests: 0, errors: 0, slow: 0 }

  return {
    config: () => config,
    /** Replaces the settings; `undefined` turns chaos off. */
    set(next: unknown): ChaosConfig | undefined {
      config = next === undefined ? undefined : chaosSchema.parse(next)
      return config
    },
    counts: () => ({ ...counts }),
    /** Decides the fate of one request. */
    decide(): ChaosDecision {
      if (!config) return { delayMs: 0 }
      counts.requests++
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
