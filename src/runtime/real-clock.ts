/**
 * @module Real time for the server: timers fire on the wall clock, scaled by `speed` (10 plays a
 * 1.5 s delivery in 150 ms). One setTimeout serves the whole timer queue, however many steps wait.
 * It can also be paused (virtual mode: time moves only by hand) and moved forward by hand.
 */
import type { SteppableClock, TimerId } from '../core/kernel/clock.js'
import { TimerQueue } from '../core/kernel/timer-queue.js'

export class RealClock implements SteppableClock {
  #queue = new TimerQueue()
  #speed: number
  /** Emulated time at the last anchor, and the wall time of that anchor. */
  #anchorTime = Date.now()
  #anchorWall = this.#anchorTime
  #paused = false
  #timeout: ReturnType<typeof setTimeout> | undefined
  #armedFor: number | undefined
  #stopped = false

  constructor({ speed = 1 }: { speed?: number } = {}) {
    this.#speed = speed
  }

  get mode(): 'real' | 'virtual' {
    return this.#paused ? 'virtual' : 'real'
  }

  get speed(): number {
    return this.#speed
  }

  /** Emulated time: follows the wall clock `speed` times as fast, plus any time skipped by hand. */
  now(): number {
    return this.#paused ? this.#anchorTime : this.#anchorTime + (Date.now() - this.#anchorWall) * this.#speed
  }

  schedule(at: number, fire: () => void): TimerId {
    const id = this.#queue.push(at, fire)
    this.#arm()
    return id
  }

  cancel(id: TimerId): void {
    this.#queue.cancel(id)
  }

  step(limit: number): boolean {
    const timer = this.#queue.popDue(limit)
    if (!timer) return false
    if (timer.at > this.now()) this.moveTo(timer.at)
    timer.fire()
    this.#arm()
    return true
  }

  moveTo(time: number): void {
    const now = this.now()
    if (time > now) this.#reanchor(time)
    this.#arm()
  }

  /** "virtual" freezes time until it is advanced by hand; "real" resumes from where it stands. */
  setMode(mode: 'real' | 'virtual'): void {
    this.#reanchor(this.now())
    this.#paused = mode === 'virtual'
    this.#armedFor = undefined
    this.#arm()
  }

  /** Stops firing for good; pending timers are dropped. */
  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timeout)
    this.#queue.clear()
  }

  #reanchor(time: number): void {
    this.#anchorTime = time
    this.#anchorWall = Date.now()
  }

  #arm(): void {
    if (this.#stopped) return
    const next = this.#paused ? undefined : this.#queue.peekAt()
    if (next === this.#armedFor) return
    clearTimeout(this.#timeout)
    this.#armedFor = next
    if (next === undefined) return
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
