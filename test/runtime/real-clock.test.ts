import { afterEach, describe, expect, it } from 'vitest'
import { latestTime } from '../../src/core/kernel/time-bounds.js'
import { maxTimerDelayMs, RealClock } from '../../src/runtime/real-clock.js'
import { manualWall } from '../support/manual-wall.js'

const day = 86_400_000

/** A manual wall whose latest armed timer can be let go off after its delay, as the host would. */
function wallWithWake() {
  const manual = manualWall()
  const wake = () => {
    const timer = manual.armed.at(-1)!
    expect(timer.cleared).toBe(false)
    manual.advance(timer.ms)
  }
  return { ...manual, wake }
}

const clocks: RealClock[] = []
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop()
})

describe('RealClock with a timer far ahead', () => {
  it('never arms a host timer beyond 2^31−1 ms: a timer 30 days ahead is reached in bounded hops and fires on time', () => {
    const { wall, armed, wake, now } = wallWithWake()
    const clock = new RealClock({ wall })
    clocks.push(clock)
    const due = clock.now() + 30 * day
    let firedAt: number | undefined
    clock.schedule(due, () => (firedAt = clock.now()))

    expect(armed).toHaveLength(1)
    expect(armed[0]!.ms).toBe(maxTimerDelayMs)
    wake() // ~24.8 days on: nothing is due yet, so the clock arms again for the rest
    expect(firedAt).toBeUndefined()
    expect(armed).toHaveLength(2)
    expect(armed[1]!.ms).toBe(30 * day - maxTimerDelayMs)
    wake()
    expect(firedAt).toBe(due)
    expect(now()).toBe(due)
    expect(armed).toHaveLength(2) // nothing left to arm for
  })

  it('scales the bound by speed: at speed 10 a timer 300 days ahead is armed for its 30 wall days in hops', () => {
    const { wall, armed, wake } = wallWithWake()
    const clock = new RealClock({ wall, speed: 10 })
    clocks.push(clock)
    let fired = 0
    clock.schedule(clock.now() + 300 * day, () => fired++)
    expect(armed.every((t) => t.ms <= maxTimerDelayMs)).toBe(true)
    wake()
    wake()
    expect(fired).toBe(1)
    expect(armed.map((t) => t.ms)).toEqual([maxTimerDelayMs, 30 * day - maxTimerDelayMs])
  })

  it("emits no TimeoutOverflowWarning with Node's own timers", async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const clock = new RealClock()
      clocks.push(clock)
      clock.schedule(clock.now() + 30 * day, () => undefined)
      // Node emits the warning on the next tick after arming; let a turn of the event loop pass.
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })
})

describe('RealClock switched to virtual', () => {
  it('fires nothing on its own once paused, not even what the timer armed in real mode was for', () => {
    const { wall, advance, pending } = manualWall()
    const clock = new RealClock({ wall })
    const fired: string[] = []
    clock.schedule(clock.now() + 10_000, () => fired.push('later'))
    clock.setMode('virtual')
    clock.schedule(clock.now(), () => fired.push('now'))
    expect(pending()).toEqual([])
    advance(20_000)
    expect(fired).toEqual([])
    // Moved by hand, it fires in order; back in real mode, the wall clock drives it again.
    expect(clock.step(clock.now())).toBe(true)
    expect(fired).toEqual(['now'])
    clock.setMode('real')
    advance(10_000)
    expect(fired).toEqual(['now', 'later'])
    clock.stop()
  })
})

describe('RealClock at the end of time', () => {
  it('stops at the latest time the emulator can show, however fast it runs (a fuzzer saw year 10000)', () => {
    const { wall, advance } = manualWall(Date.UTC(9999, 11, 29))
    const clock = new RealClock({ wall, speed: 1_000_000 })
    clocks.push(clock)
    advance(1_000) // 10^9 ms of emulated time: eleven days on, past 9999-12-30
    expect(clock.now()).toBe(latestTime)
    clock.setMode('virtual')
    clock.setMode('real') // re-anchored at the end: still there
    advance(1_000)
    expect(clock.now()).toBe(latestTime)
  })

  it('arms no host timer for a timer past the end of time, which could never be due', () => {
    const { wall, advance, pending } = manualWall(Date.UTC(9999, 11, 29))
    const clock = new RealClock({ wall, speed: 1_000_000 })
    clocks.push(clock)
    let fired = 0
    clock.schedule(latestTime, () => fired++)
    clock.schedule(latestTime + 1, () => fired++)
    advance(1_000)
    expect(fired).toBe(1)
    expect(pending()).toEqual([])
  })
})
