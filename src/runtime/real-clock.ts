/**
 * @module Real time for the server: timers fire on the wall clock, scaled by `speed` (10 plays a
 * 1.5 s delivery in 150 ms). One setTimeout serves the whole timer queue, however many steps wait.
 * It can also be paused (virtual mode: time moves only by hand) and moved forward by hand.
 */
import type { SteppableClock, TimerId } from '../core/kernel/clock.js'
import { latestTime } from '../core/kernel/time-bounds.js'
import { TimerQueue } from '../core/kernel/timer-queue.js'

/** The host's wall time and one timer: Node's by default; tests inject their own to watch arming. */
export interface WallTime {
  now(): number
  /** Arms a timer that must not keep the process alive by itself. */
  setTimeout(fire: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
}

/** Node's wall clock and timers (unref'd: they never keep the process alive by themselves). */
export const nodeWallTime: WallTime = {
  now: () => Date.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

/**
 * The longest delay a timer may be armed for: Node (and browsers) store it in a signed 32-bit int,
 * and treat anything longer as 1 ms with a TimeoutOverflowWarning. A later timer is reached in hops.
 */
export const maxTimerDelayMs = 2 ** 31 - 1

export interface RealClockOptions {
  /** Emulated time runs this many times as fast as the wall clock. */
  speed?: number
  wall?: WallTime
}

export class RealClock implements SteppableClock {
  #queue = new TimerQueue()
  #speed: number
  #wall: WallTime
  /** Emulated time at the last anchor, and the wall time of that anchor. */
  #anchorTime: number
  #anchorWall: number
  #paused = false
  #timeout: unknown
  #armedFor: number | undefined
  #stopped = false

  constructor({ speed = 1, wall = nodeWallTime }: RealClockOptions = {}) {
    this.#speed = speed
    this.#wall = wall
    this.#anchorTime = wall.now()
    this.#anchorWall = this.#anchorTime
  }

  get mode(): 'real' | 'virtual' {
    return this.#paused ? 'virtual' : 'real'
  }

  get speed(): number {
    return this.#speed
  }

  /**
   * Emulated time: follows the wall clock `speed` times as fast, plus any time skipped by hand, and
   * stops at the latest time the emulator can show (9999-12-30). Sped up far enough it would get
   * there: past it, timestamps took five-digit years and a state file saved then could not be
   * loaded again.
   */
  now(): number {
    const now = this.#paused ? this.#anchorTime : this.#anchorTime + (this.#wall.now() - this.#anchorWall) * this.#speed
    return now < latestTime ? now : latestTime
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
    // The host timer armed in real mode goes too: paused, #arm() arms nothing, and a timer left
    // armed would fire whatever was due at the frozen time, with no one moving it.
    this.#wall.clearTimeout(this.#timeout)
    this.#timeout = undefined
    this.#armedFor = undefined
    this.#arm()
  }

  /** Stops firing for good; pending timers are dropped. */
  stop(): void {
    this.#stopped = true
    this.#wall.clearTimeout(this.#timeout)
    this.#queue.clear()
  }

  #reanchor(time: number): void {
    this.#anchorTime = time
    this.#anchorWall = this.#wall.now()
  }

  #arm(): void {
    if (this.#stopped) return
    const next = this.#paused ? undefined : this.#queue.peekAt()
    if (next === this.#armedFor) return
    this.#wall.clearTimeout(this.#timeout)
    this.#armedFor = next
    // A timer past the end of time is never due (now() stops there): arming for it would spin.
    if (next === undefined || next > latestTime) return
    // A timer further off than the host can arm (a sendAt 30 days ahead) wakes the clock early
    // once per ~24.8 days; #fireDue then finds nothing due and arms again for the rest.
    const delay = Math.min(maxTimerDelayMs, Math.max(0, (next - this.now()) / this.#speed))
    this.#timeout = this.#wall.setTimeout(() => this.#fireDue(), delay)
  }

  #fireDue(): void {
    this.#armedFor = undefined
    const now = this.now()
    for (let timer = this.#queue.popDue(now); timer; timer = this.#queue.popDue(now)) timer.fire()
    this.#arm()
  }
}
