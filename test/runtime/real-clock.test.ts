import { afterEach, describe, expect, it } from 'vitest'
import { maxTimerDelayMs, RealClock, type WallTime } from '../../src/runtime/real-clock.js'

const day = 86_400_000

/** Wall time that moves only when told, with the timers the clock arms kept for the test to fire. */
function manualWall(start = Date.UTC(2025, 0, 1)) {
  let now = start
  const armed: Array<{ fire: () => void; ms: number; cleared: boolean }> = []
  const wall: WallTime = {
    now: () => now,
    setTimeout: (fire, ms) => {
      const timer = { fire, ms, cleared: false }
      armed.push(timer)
      return timer
    },
    clearTimeout: (timer) => {
      if (timer) (timer as { cleared: boolean }).cleared = true
    },
  }
  /** Lets the latest armed timer go off after its delay, as the host would. */
  const wake = () => {
    const timer = armed.at(-1)!
    expect(timer.cleared).toBe(false)
    now += timer.ms
    timer.fire()
  }
  return { wall, armed, wake, now: () => now }
}

const clocks: RealClock[] = []
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop()
})

describe('RealClock with a timer far ahead', () => {
  it('never arms a host timer beyond 2^31−1 ms: a timer 30 days ahead is reached in bounded hops and fires on time', () => {
    const { wall, armed, wake, now } = manualWall()
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
    const { wall, armed, wake } = manualWall()
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
