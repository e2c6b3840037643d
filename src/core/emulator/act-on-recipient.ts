/**
 * @module The manual-action path: drives one held recipient by hand now (see manual-actions.ts for
 * what each action does), replacing whatever its lifecycle still had planned.
 */

import type { LifecycleStep } from '../channels/email/lifecycle.js'
import { type ManualAction, planManualAction } from '../channels/email/manual-actions.js'
import { EmulatorError } from '../kernel/errors.js'
import type { MessageRecord, MessageStore, RecipientRecord } from '../kernel/message-store.js'
import type { MessageSideTables } from './message-side-tables.js'

export interface ActOnRecipientOptions {
  store: MessageStore
  sideTables: MessageSideTables
  cancelSteps: (recipient: RecipientRecord) => void
  fireStep: (message: MessageRecord, recipient: RecipientRecord, step: LifecycleStep) => void
}

export function createRecipientActor({ store, sideTables, cancelSteps, fireStep }: ActOnRecipientOptions) {
  /** Drives one recipient by hand now, replacing whatever its lifecycle still had planned. */
  return function act(messageId: string, address: string, action: ManualAction): RecipientRecord {
    const message = store.get(messageId)
    if (!message)
      throw new EmulatorError(
        'not_found',
        `No message with id "${messageId}" (it may never have existed, or been evicted past limits.maxMessages)`,
      )
    const recipient = message.recipients.find((r) => r.address === address.trim().toLowerCase())
    if (!recipient)
      throw new EmulatorError(
        'not_found',
        `Message ${messageId} has no recipient "${address}"; its recipients are ${message.recipients.map((r) => r.address).join(', ')}`,
      )
    if (!sideTables.held.has(recipient)) {
      throw new EmulatorError(
        'conflict',
        `${recipient.address} is not waiting for a manual action: its fate is ${recipient.fate}. Only recipients with the "hold" outcome take actions — send to a +hold address (ann+hold@x.test) or add a rule with outcome "hold"`,
      )
    }
    const steps = planManualAction(
      action,
      recipient.receipts.map((r) => r.kind),
      { ...sideTables.mailFacts.get(message)!, destination: recipient.address },
    )
    cancelSteps(recipient)
    for (const step of steps) fireStep(message, recipient, step)
    return recipient
  }
}
