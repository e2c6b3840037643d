/**
 * @module The emulator's own timers on the clock: all of them, so reset() can cancel every one, and
 * each recipient's planned lifecycle steps, so a manual action can replace them.
 */
import type { Clock } from '../kernel/clock.js'
import type { RecipientRecord } from '../kernel/message-store.js'

export type RecipientTimers = ReturnType<typeof createRecipientTimers>

export function createRecipientTimers(clock: Clock) {
  const timers = new Set<number>()
  /** Timer ids of each recipient's planned steps (a few at most, so an array beats a Map). */
  const pendingSteps = new WeakMap<RecipientRecord, number[]>()

  function schedule(at: number, fire: () => void): number {
    const id = clock.schedule(at, () => {
      timers.delete(id)
      fire()
    })
    timers.add(id)
    return id
  }

  return {
    schedule,

    /** Schedules one of the recipient's lifecycle steps. */
    scheduleStep(recipient: RecipientRecord, at: number, fire: () => void): void {
      let pending = pendingSteps.get(recipient)
      if (!pending) pendingSteps.set(recipient, (pending = []))
      const id = schedule(at, () => {
        pending.splice(pending.indexOf(id), 1)
        fire()
      })
      pending.push(id)
    },

    /** Cancels the recipient's steps still to fire. */
    cancelSteps(recipient: RecipientRecord): void {
      for (const id of pendingSteps.get(recipient) ?? []) {
        clock.cancel(id)
        timers.delete(id)
      }
      pendingSteps.delete(recipient)
    },

    cancelAll(): void {
      for (const id of timers) clock.cancel(id)
      timers.clear()
    },

    get size(): number {
      return timers.size
    },
  }
}
