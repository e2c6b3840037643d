/**
 * @module A lifecycle step happening: the recipient gets the receipt (capped at
 * `limits.maxReceiptsPerRecipient`), a permanent bounce suppresses the address, an ooto@ delivery
 * schedules its auto-reply, and the receipt goes to the webhook targets and to subscribers.
 */

import type { LifecycleStep } from '../channels/email/lifecycle.js'
import { receiptKinds } from '../channels/email/receipt-kinds.js'
import type { SuppressionList } from '../channels/email/suppression-list.js'
import type { Clock } from '../kernel/clock.js'
import type { createDispatcher } from '../kernel/dispatch.js'
import type { MessageRecord, ReceiptRecord, RecipientRecord } from '../kernel/message-store.js'
import type { TimestampFormatter } from '../kernel/time-format.js'
import type { EmulatorConfig } from '../schemas/config.js'
import type { Emit } from './emulator-event.js'

export interface StepFirerOptions {
  clock: Clock
  config: EmulatorConfig
  formatTimestamp: TimestampFormatter
  suppression: SuppressionList
  schedule: (at: number, fire: () => void) => number
  autoReply: (message: MessageRecord, recipient: RecipientRecord) => void
  dispatch: Pick<ReturnType<typeof createDispatcher>, 'receipt'>
  emit: Emit
}

export function createStepFirer({
  clock,
  config,
  formatTimestamp,
  suppression,
  schedule,
  autoReply,
  dispatch,
  emit,
}: StepFirerOptions) {
  let evictedReceipts = 0

  return {
    fire(message: MessageRecord, recipient: RecipientRecord, step: LifecycleStep): void {
      const spec = receiptKinds[step.kind]
      const at = clock.now()
      const receipt: ReceiptRecord = {
        kind: step.kind,
        code: spec.code,
        status: spec.status,
        description: step.description,
        additionalInfo: step.additionalInfo,
        at,
        timeStamp: formatTimestamp(at),
      }
      recipient.receipts.push(receipt)
      if (recipient.receipts.length > config.limits.maxReceiptsPerRecipient) {
        recipient.receipts.shift()
        evictedReceipts++
      }
      recipient.status = spec.status
      if (step.suppresses) {
        suppression.add(recipient.address, `bounce ${step.description}`, config.bounceRetention)
        emit({ type: 'state', what: 'suppression' })
      }
      if (step.autoReply) schedule(at + config.delays.autoReply, () => autoReply(message, recipient))
      dispatch.receipt(message, recipient, receipt)
      emit({ type: 'receipt', message, recipient, receipt })
    },

    /** Receipts dropped past `limits.maxReceiptsPerRecipient`. */
    get evictedReceipts(): number {
      return evictedReceipts
    },
  }
}
