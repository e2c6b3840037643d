/**
 * @module Plays out recipients' lifecycles on the clock, whatever the channel: schedules each
 * planned step, and when one fires records the receipt (capped at
 * `limits.maxReceiptsPerRecipient`), lets the channel do the step's effects, and hands the receipt
 * to the dispatcher and the subscribers. It keeps every timer it set, so reset() can cancel them,
 * and each recipient's pending steps, so a manual action can replace them.
 *
 * A recipient's steps are all scheduled when it starts, in order (so two timers due at the same
 * instant fire in the order they were planned, whichever recipients they belong to), and share one
 * callback that fires the next of them: timers of one recipient fire in the order they were set, so
 * its n-th firing is its n-th step. A closure and a set entry per step were a tenth of an in-process
 * send's garbage (bench/PROFILE.md).
 */
import type { AnyChannel, PlannedStep } from '../channels/channel.js'
import type { Clock } from './clock.js'
import type { Dispatcher } from './dispatch.js'
import type { Emit } from './events.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from './message-store.js'
import type { TimestampFormatter } from './time-format.js'

/** A recipient's planned steps, and how many of them have fired. */
interface Run {
  message: BaseMessage
  recipient: BaseRecipient
  /** In time order, as their timers fire. */
  steps: readonly PlannedStep[]
  /** Their timers, in the same order. */
  ids: number[]
  next: number
}

/** The steps in the order their timers fire: by delay, and in planned order for equal delays. */
function inTimeOrder(steps: readonly PlannedStep[]): readonly PlannedStep[] {
  for (let i = 1; i < steps.length; i++)
    if (steps[i]!.after < steps[i - 1]!.after) return [...steps].sort((a, b) => a.after - b.after)
  return steps
}

export interface LifecycleRunnerOptions {
  clock: Clock
  formatTimestamp: TimestampFormatter
  maxReceiptsPerRecipient: number
  channelOf(name: string): { definition: AnyChannel; state: unknown }
  dispatch: Pick<Dispatcher, 'receipt'>
  emit: Emit
}

export function createLifecycleRunner({
  clock,
  formatTimestamp,
  maxReceiptsPerRecipient,
  channelOf,
  dispatch,
  emit,
}: LifecycleRunnerOptions) {
  /** Recipients with steps still to fire. */
  const runs = new Map<BaseRecipient, Run>()
  /** Step timers still to fire, over every run. */
  let pendingSteps = 0
  /** Timers set by `schedule` (auto-replies). */
  const timers = new Set<number>()
  /** Recipients whose outcome is "hold": they wait for manual actions, and only they take them. */
  const held = new WeakSet<BaseRecipient>()
  let evictedReceipts = 0

  function schedule(at: number, fire: () => void): number {
    const id = clock.schedule(at, () => {
      timers.delete(id)
      fire()
    })
    timers.add(id)
    return id
  }

  function fire(message: BaseMessage, recipient: BaseRecipient, step: PlannedStep): void {
    const { definition, state } = channelOf(message.channel)
    const spec = definition.receipts[step.kind]!
    const at = clock.now()
    const receipt: ReceiptRecord = {
      kind: step.kind,
      code: step.code ?? spec.code,
      status: spec.status,
      description: step.description,
      additionalInfo: step.additionalInfo,
      at,
      timeStamp: formatTimestamp(at),
    }
    recipient.receipts.push(receipt)
    if (recipient.receipts.length > maxReceiptsPerRecipient) {
      recipient.receipts.shift()
      evictedReceipts++
    }
    recipient.status = spec.status
    definition.onStep?.(step, message, recipient, state)
    dispatch.receipt(message, recipient, receipt)
    emit({ type: 'receipt', message, recipient, receipt })
  }

  /** Cancels the run's steps not yet fired, and forgets it. */
  function stop(run: Run): void {
    for (let i = run.next; i < run.ids.length; i++) clock.cancel(run.ids[i]!)
    pendingSteps -= run.ids.length - run.next
    run.next = run.ids.length
    if (runs.get(run.recipient) === run) runs.delete(run.recipient)
  }

  function cancelSteps(recipient: BaseRecipient): void {
    const run = runs.get(recipient)
    if (run) stop(run)
  }

  return {
    schedule,

    /** Schedules a recipient's planned steps from `startsAt`; a held one waits for actions after them. */
    start(message: BaseMessage, recipient: BaseRecipient, steps: readonly PlannedStep[], isHeld: boolean): void {
      if (isHeld) held.add(recipient)
      if (steps.length === 0) return
      const run: Run = { message, recipient, steps: inTimeOrder(steps), ids: [], next: 0 }
      const fireNext = () => {
        const step = run.steps[run.next++]!
        pendingSteps--
        if (run.next === run.steps.length && runs.get(recipient) === run) runs.delete(recipient)
        fire(message, recipient, step)
      }
      for (const step of run.steps) run.ids.push(clock.schedule(message.startsAt + step.after, fireNext))
      pendingSteps += run.ids.length
      const before = runs.get(recipient)
      if (before) stop(before)
      runs.set(recipient, run)
    },

    /** Fires `steps` now, in order, replacing whatever the recipient's lifecycle still had planned. */
    act(message: BaseMessage, recipient: BaseRecipient, steps: readonly PlannedStep[]): void {
      cancelSteps(recipient)
      for (const step of steps) fire(message, recipient, step)
    },

    isHeld: (recipient: BaseRecipient) => held.has(recipient),
    cancelSteps,

    cancelAll(): void {
      for (const run of runs.values()) stop(run)
      for (const id of timers) clock.cancel(id)
      timers.clear()
    },

    /** Timers still to fire (steps, auto-replies). */
    get size(): number {
      return pendingSteps + timers.size
    },

    /** Receipts dropped past `limits.maxReceiptsPerRecipient`. */
    get evictedReceipts(): number {
      return evictedReceipts
    },
  }
}
