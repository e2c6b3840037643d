/**
 * @module Real time for the server: timers fire on the wall clock, scaled by `speed` (10 plays a
 * 1.5 s delivery in 150 ms). One setTimeout serves the whole timer queue, however many steps wait.
 */
import type { Clock, TimerId } from '../core/clock.js'
import { TimerQueue } from '../core/timer-queue.js'

export class RealClock implements Clock {
  #queue = new TimerQueue()
  #speed: number
  #wallStart = Date.now()
  #timeout: ReturnType<typeof setTimeout> | undefined
  #armedFor: number | undefined

  constructor({ speed = 1 }: { speed?: number } = {}) {
    this.#speed = speed
  }

  /** Emulated time: starts at the wall clock and runs `speed` times as fast. */
  now(): number {
    const wall = Date.now()
    return this.#wallStart + (wall - this.#wallStart) * this.#speed
  }

  schedule(at: number, fire: () => void): TimerId {
    const id = this.#queue.push(at, fire)
    this.#arm()
    return id
  }

  cancel(id: TimerId): void {
    this.#queue.cancel(id)
  }

  /** Stops firing; pending timers are dropped. */
  stop(): void {
    clearTimeout(this.#timeout)
    this.#queue.clear()
  }

  #arm(): void {
    const next = this.#queue.peekAt()
    if (next === undefined || next === this.#armedFor) return
    clearTimeout(this.#timeout)
    this.#armedFor = next
    this.#timeout = setTimeout(() => this.#fireDue(), Math.max(0, (next - this.now()) / this.#speed))
    this.#timeout.unref()
  }

  #fireDue(): void {
    this.#armedFor = undefined
    const now = this.now()
    for (let timer = this.#queue.popDue(now); timer; timer = this.#queue.popDue(now)) timer.fire()
    this.#arm()
  }
}
