import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/core/kernel/clock.js'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTimeDriver } from '../../../src/core/kernel/time-driver.js'
import { VirtualClock } from '../../../src/core/kernel/virtual-clock.js'

// The time driver on its own, over a virtual clock; "work in flight" is a promise the test settles.
function driver(start = 0) {
  const clock = new VirtualClock(start)
  let inFlight: Promise<void> | undefined
  const time = createTimeDriver(
    clock,
    () => inFlight ?? Promise.resolve(),
    () => inFlight !== undefined,
  )
  /** Work that stays in flight until a macrotask later, then runs `then`. */
  const startWork = (then: () => void) => {
    inFlight = new Promise<void>((resolve) =>
      setImmediate(() => {
        inFlight = undefined
        then()
        resolve()
      }),
    )
  }
  return { clock, time, startWork }
}

describe('the time driver', () => {
  it('advance() fires what is due within the span in order, then leaves the clock at its end', async () => {
    const { clock, time } = driver(1_000)
    const fired: number[] = []
    for (const at of [3_000, 1_500, 9_000]) clock.schedule(at, () => fired.push(clock.now()))
    await time.advance(5_000)
    expect(fired).toEqual([1_500, 3_000])
    expect(clock.now()).toBe(6_000)
  })

  it('takes advances asked for at once in turn: two of 1 s end at +2 s, a refused one leaves the next to run', async () => {
    const { clock, time, startWork } = driver(1_000)
    const fired: number[] = []
    for (const at of [1_500, 2_500]) clock.schedule(at, () => startWork(() => fired.push(clock.now())))
    const refused = time.advance(Number.MAX_SAFE_INTEGER)
    await Promise.all([time.advance(1_000), time.advance(1_000), expect(refused).rejects.toThrow(EmulatorError)])
    expect(fired).toEqual([1_500, 2_500])
    expect(clock.now()).toBe(3_000)
    // With none under way, an advance fires what is due in the caller's turn (a burst of events
    // then reaches listeners before anything else runs).
    const now: number[] = []
    clock.schedule(3_500, () => now.push(clock.now()))
    const next = time.advance(1_000)
    expect(now).toEqual([3_500])
    await next
  })

  it('waits for work in flight before moving on, so a retry it schedules is fired in its turn', async () => {
    const { clock, time, startWork } = driver()
    const fired: string[] = []
    clock.schedule(100, () => startWork(() => clock.schedule(clock.now() + 50, () => fired.push('retry'))))
    clock.schedule(400, () => fired.push('later'))
    await time.runUntilIdle()
    expect(fired).toEqual(['retry', 'later'])
  })

  it('advanceUntil() stops at the instant the condition holds, with what is due then done', async () => {
    const { clock, time } = driver()
    const fired: string[] = []
    clock.schedule(100, () => fired.push('a'))
    clock.schedule(200, () => fired.push('b'))
    clock.schedule(200, () => fired.push('b2'))
    clock.schedule(300, () => fired.push('c'))
    expect(await time.advanceUntil(() => fired.includes('b'), 1_000)).toBe(true)
    expect([clock.now(), fired]).toEqual([200, ['a', 'b', 'b2']])
    expect(await time.advanceUntil(() => fired.includes('z'), 500)).toBe(false)
    expect([clock.now(), fired]).toEqual([700, ['a', 'b', 'b2', 'c']])
  })

  it('runUntilIdle() refuses to run forever: it stops after maxSteps, naming them', async () => {
    const { clock, time } = driver()
    const again = () => clock.schedule(clock.now() + 1, again)
    again()
    const error = await time.runUntilIdle({ maxSteps: 50 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmulatorError)
    expect((error as EmulatorError).code).toBe('invalid_request')
    expect((error as EmulatorError).message).toBe(
      'runUntilIdle stopped after 50 steps: something keeps scheduling work',
    )
    expect(clock.now()).toBe(50)
  })

  it('refuses to move a clock that is not steppable, and a move past the bounds', async () => {
    const real = { mode: 'real', now: () => 0, schedule: () => 0, cancel: () => undefined } as unknown as Clock
    await expect(
      createTimeDriver(
        real,
        () => Promise.resolve(),
        () => false,
      ).advance(1),
    ).rejects.toMatchObject({
      code: 'wrong_clock_mode',
      message:
        'This clock cannot be moved by hand; advance() and runUntilIdle() need a virtual clock (clock: "virtual")',
    })
    const { time } = driver()
    await expect(time.advance(400 * 86_400_000)).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(time.advance(400 * 86_400_000)).rejects.toThrow(/advance/)
    await expect(time.advanceUntil(() => false, 400 * 86_400_000)).rejects.toThrow(/within/)
  })
})
