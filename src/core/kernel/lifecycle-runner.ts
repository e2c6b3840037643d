/**
 * @module Plays out recipients' lifecycles on the clock, whatever the channel: schedules each
 * planned step, and when one fires records the receipt (capped at
 * `limits.maxReceiptsPerRecipient`), lets the channel do the step's effects, and hands the receipt
 * to the dispatcher and the subscribers. It keeps every timer it set, so reset() can cancel them,
 * and each recipient's pending steps, so a manual action can replace them.
 */
import type { AnyChannel, PlannedStep } from '../channels/channel.js'
import type { Clock } from './clock.js'
import type { Dispatcher } from './dispatch.js'
import type { Emit } from './events.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from './message-store.js'
import type { TimestampFormatter } from './time-format.js'

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
  const timers = new Set<number>()
  /** Timer ids of each recipient's planned steps (a few at most, so an array beats a Map). */
  const pendingSteps = new WeakMap<BaseRecipient, number[]>()
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

  function cancelSteps(recipient: BaseRecipient): void {
    for (const id of pendingSteps.get(recipient) ?? []) {
      clock.cancel(id)
      timers.delete(id)
    }
    pendingSteps.delete(recipient)
  }

  return {
    schedule,

    /** Schedules a recipient's planned steps from `startsAt`; a held one waits for actions after them. */
    start(message: BaseMessage, recipient: BaseRecipient, steps: readonly PlannedStep[], isHeld: boolean): void {
      if (isHeld) held.add(recipient)
      const pending: number[] = []
      pendingSteps.set(recipient, pending)
      for (const step of steps) {
        const id = schedule(message.startsAt + step.after, () => {
          pending.splice(pending.indexOf(id), 1)
          fire(message, recipient, step)
        })
        pending.push(id)
      }
    },

    /** Fires `steps` now, in order, replacing whatever the recipient's lifecycle still had planned. */
    act(message: BaseMessage, recipient: BaseRecipient, steps: readonly PlannedStep[]): void {
      cancelSteps(recipient)
      for (const step of steps) fire(message, recipient, step)
    },

    isHeld: (recipient: BaseRecipient) => held.has(recipient),
    cancelSteps,

    cancelAll(): void {
      for (const id of timers) clock.cancel(id)
      timers.clear()
    },

    /** Timers still to fire (steps, auto-replies). */
    get size(): number {
      return timers.size
    },

    /** Receipts dropped past `limits.maxReceiptsPerRecipient`. */
    get evictedReceipts(): number {
      return evictedReceipts
    },
  }
}
