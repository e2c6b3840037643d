/**
 * @module The clock the core runs on. The core never reads wall time or sets timers itself: it asks
 * a Clock, so the same simulation runs on real time (the server) or virtual time (MSW, scenarios).
 */

export type TimerId = number

export interface Clock {
  /** Epoch milliseconds, as this clock sees them. */
  now(): number
  /** Runs `fire` once the clock reaches `at` (epoch ms). Timers due at the same instant fire in the order they were scheduled. */
  schedule(at: number, fire: () => void): TimerId
  cancel(id: TimerId): void
}
