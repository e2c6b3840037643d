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

/**
 * A clock that can also be moved by hand: the virtual clock, and the real clock when a developer
 * skips ahead ("advance 7 days") from the control API.
 */
export interface SteppableClock extends Clock {
  /** Fires the earliest timer due at or before `limit`, moving time to it. False if none was due. */
  step(limit: number): boolean
  /** Moves time forward to `time` without firing anything. */
  moveTo(time: number): void
  /** "virtual" while time moves only by hand; "real" while it follows the wall clock. */
  readonly mode: 'real' | 'virtual'
  /** Switches between following the wall clock and moving only by hand, where supported. */
  setMode?(mode: 'real' | 'virtual'): void
}

export function isSteppable(clock: Clock): clock is SteppableClock {
  return typeof (clock as Partial<SteppableClock>).step === 'function'
}
