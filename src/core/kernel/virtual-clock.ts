/**
 * @module Virtual time: it moves only when told to, firing due timers in timestamp order. Used by
 * MSW mode, scenarios and core tests, so nothing ever waits on the wall clock.
 */
import type { SteppableClock, TimerId } from './clock.js'
import { TimerQueue } from './timer-queue.js'

/** 2025-01-01T00:00:00Z: a fixed start keeps seeded runs byte-for-byte reproducible. */
const defaultVirtualStart = 1_735_689_600_000

export class VirtualClock implements SteppableClock {
  readonly mode = 'virtual'
  #now: number
  #queue = new TimerQueue()

  constructor(start: number = defaultVirtualStart) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  schedule(at: number, fire: () => void): TimerId {
    return this.#queue.push(Math.max(at, this.#now), fire)
  }

  cancel(id: TimerId): void {
    this.#queue.cancel(id)
  }

  /** Due time of the next timer, or undefined when nothing is scheduled. */
  nextAt(): number | undefined {
    return this.#queue.peekAt()
  }

  get pending(): number {
    return this.#queue.size
  }

  /** Fires the earliest timer due at or before `limit`, moving time to its due time. Returns false if none was due. */
  step(limit: number): boolean {
    const timer = this.#queue.popDue(limit)
    if (!timer) return false
    this.#now = Math.max(this.#now, timer.at)
    timer.fire()
    return true
  }

  /** Moves time forward to `time` without firing anything (callers fire due timers first). */
  moveTo(time: number): void {
    this.#now = Math.max(this.#now, time)
  }
}
