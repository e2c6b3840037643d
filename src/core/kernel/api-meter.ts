/**
 * @module The tenant's API limits, as the real platform meters them: a transactions-per-second
 * limit shared by every messaging API (vendor: "A single rate limit applies to the usage of
 * Messaging API v1 and v2") and a daily quota resetting at 00:00 UTC. Every accepted answer
 * carries them as headers, as recorded from the real API (seated/apus cassette, 2024-07-29):
 * `x-rate-limit-limit: 30`, `x-rate-limit-remaining: 29`, `x-quota-limit-limit: 10000000`,
 * `x-quota-limit-remaining`, `x-quota-limit-reset: 2024-07-30T00:00:00.000Z`.
 *
 * Unconfigured, the limits are advertised with the recorded values and never enforced; configured
 * (`rateLimit.perSecond`, `rateLimit.perDay`), past them a request is refused with 7020. The
 * second is counted on the wall clock the adapter passes in (clients throttle in real seconds,
 * whatever the emulated speed); the day on the emulator's clock, so advancing a day resets it.
 */
import type { RateLimitConfig } from '../schemas/config.js'

/** What the real API advertised when nothing is configured (the recorded headers). */
const advertisedLimits = { perSecond: 30, perDay: 10_000_000 } as const

const dayMs = 86_400_000

export interface MeterHeaders {
  'x-rate-limit-limit': string
  'x-rate-limit-remaining': string
  'x-quota-limit-limit': string
  'x-quota-limit-remaining': string
  'x-quota-limit-reset': string
}

export type MeterDecision =
  | { admitted: true; headers: MeterHeaders }
  /** `rate`: too many this second (retry after `retryAfterMs`); `quota`: today's quota is spent. */
  | { admitted: false; limit: 'rate' | 'quota'; retryAfterMs: number }

export interface ApiMeterCounts {
  admitted: number
  rateLimited: number
  quotaExhausted: number
}

export function createApiMeter(initial: RateLimitConfig) {
  let config = initial
  let second = { at: -1, count: 0 }
  // The day's reset time is written once a day, when first answered, not per request (an ISO date
  // was 4 µs of each send).
  let day: { at: number; count: number; reset?: string } = { at: -1, count: 0 }
  const counts: ApiMeterCounts = { admitted: 0, rateLimited: 0, quotaExhausted: 0 }

  return {
    config: () => config,
    /** Replaces the limits; the counts of the current second and day stay. */
    set(next: RateLimitConfig): void {
      config = next
    },
    counts: (): ApiMeterCounts => ({ ...counts }),

    /**
     * Meters one authenticated request arriving at wall time `wallNow`, on emulated day `now`.
     * An admitted request counts against both limits; a refused one against neither.
     */
    admit(wallNow: number, now: number): MeterDecision {
      const thisSecond = Math.floor(wallNow / 1000)
      if (thisSecond !== second.at) second = { at: thisSecond, count: 0 }
      const today = Math.floor(now / dayMs)
      if (today !== day.at) day = { at: today, count: 0 }

      if (config.perSecond !== undefined && second.count >= config.perSecond) {
        counts.rateLimited++
        return { admitted: false, limit: 'rate', retryAfterMs: (thisSecond + 1) * 1000 - wallNow }
      }
      if (config.perDay !== undefined && day.count >= config.perDay) {
        counts.quotaExhausted++
        return { admitted: false, limit: 'quota', retryAfterMs: (today + 1) * dayMs - now }
      }
      second.count++
      day.count++
      counts.admitted++
      const perSecond = config.perSecond ?? advertisedLimits.perSecond
      const perDay = config.perDay ?? advertisedLimits.perDay
      return {
        admitted: true,
        headers: {
          'x-rate-limit-limit': String(perSecond),
          'x-rate-limit-remaining': String(Math.max(0, perSecond - second.count)),
          'x-quota-limit-limit': String(perDay),
          'x-quota-limit-remaining': String(Math.max(0, perDay - day.count)),
          'x-quota-limit-reset': (day.reset ??= new Date((today + 1) * dayMs).toISOString()),
        },
      }
    },
  }
}

export type ApiMeter = ReturnType<typeof createApiMeter>
