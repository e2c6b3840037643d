/**
 * @module Moving a steppable clock by hand while webhook attempts run: fire the next due timer,
 * wait until no attempt is in flight, repeat. Retries scheduled by a finished attempt are seen
 * before time moves past them, so runs are deterministic. With nothing in flight there is nothing to
 * wait for, so the next timer fires without an async turn (one per timer was a measurable share of
 * `runUntilIdle()`, bench/PROFILE.md).
 */
import { type Clock, isSteppable, type SteppableClock } from './clock.js'
import { EmulatorError } from './errors.js'
import { checkClockMove, latestTime } from './time-bounds.js'

/** `idle` resolves once no webhook attempt is in flight; `busy` says synchronously whether one is. */
export function createTimeDriver(clock: Clock, idle: () => Promise<void>, busy: () => boolean) {
  function steppable(): SteppableClock {
    if (isSteppable(clock)) return clock
    throw new EmulatorError(
      'wrong_clock_mode',
      'This clock cannot be moved by hand; advance() and runUntilIdle() need a virtual clock (clock: "virtual")',
    )
  }

  async function fireDue(stepper: SteppableClock, limit: number): Promise<void> {
    for (;;) {
      while (busy()) await idle()
      if (!stepper.step(limit)) return
    }
  }

  async function advanceBy(stepper: SteppableClock, ms: number): Promise<void> {
    checkClockMove(stepper.now(), ms, 'advance')
    const target = stepper.now() + ms
    await fireDue(stepper, target)
    stepper.moveTo(target)
  }

  /**
   * The advances under way, as one promise that settles when the last of them ends; undefined when
   * none is. Advances take turns: two at once (a console click and a test's call, or `Promise.all`)
   * each took "now" at its start, so two of 1 s ended at +1 s. With none under way an advance starts
   * at once, firing what is due in the caller's turn as before.
   */
  let advancing: Promise<void> | undefined

  return {
    /**
     * Fires every timer due within `ms`, in order, then leaves the clock at now + ms; an advance asked
     * for while another runs starts where that one ends. Refuses (with `invalid_request`) a move past
     * 366 days or past the latest time the emulator can show.
     */
    async advance(ms: number): Promise<void> {
      const stepper = steppable()
      const turn = advancing ? advancing.then(() => advanceBy(stepper, ms)) : advanceBy(stepper, ms)
      // The next one waits for this one to end, refused or not.
      const settled: Promise<void> = turn
        .catch(() => {})
        .then(() => {
          if (advancing === settled) advancing = undefined
        })
      advancing = settled
      return turn
    },

    /**
     * Steps timer by timer until `condition` holds or `withinMs` has passed; returns whether it was
     * met. Time stops at the instant it was met, with everything due at that instant done — so the
     * webhooks for a receipt have been attempted when a wait for it returns.
     */
    async advanceUntil(condition: () => boolean, withinMs: number): Promise<boolean> {
      const stepper = steppable()
      // A wait ends at the latest time the emulator can show, rather than being refused for passing it:
      // nothing happens after it anyway, and a wait's default hour near it was refused outright.
      const within =
        typeof withinMs === 'number' ? Math.min(withinMs, Math.max(0, latestTime - stepper.now())) : withinMs
      checkClockMove(stepper.now(), within, 'within')
      const limit = stepper.now() + within
      for (;;) {
        while (busy()) await idle()
        if (condition()) {
          await fireDue(stepper, stepper.now())
          return true
        }
        if (!stepper.step(limit)) break
      }
      stepper.moveTo(limit)
      await idle()
      return condition()
    },

    /**
     * Runs until nothing is scheduled: every lifecycle step and retry has run — up to the latest
     * time the emulator can show (9999-12-30), which `advance()` refuses to pass too. A retry due
     * after it (a long `retryDelay` near the end of time) stays scheduled.
     */
    async runUntilIdle({ maxSteps = 1_000_000 } = {}): Promise<void> {
      const stepper = steppable()
      for (let steps = 0; ; steps++) {
        while (busy()) await idle()
        if (steps >= maxSteps)
          throw new EmulatorError(
            'invalid_request',
            `runUntilIdle stopped after ${maxSteps} steps: something keeps scheduling work`,
          )
        if (!stepper.step(latestTime)) return
      }
    },
  }
}
