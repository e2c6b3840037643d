/**
 * @module A send (POST /v2/messages): validated, recorded as a message with one record per
 * recipient, each recipient's fate decided and its lifecycle planned on the clock.
 */

import {
  firstLink,
  type LifecycleStep,
  type MailFacts,
  planLifecycle,
  planRejection,
} from '../channels/email/lifecycle.js'
import { decideFate, type Fate, type FateContext } from '../channels/email/outcomes/decide-fate.js'
import type { Outcome } from '../channels/email/outcomes/outcome.js'
import { receiptKinds } from '../channels/email/receipt-kinds.js'
import type { SendResponse } from '../channels/email/schemas/send-request.js'
import type { Clock } from '../kernel/clock.js'
import { EmulatorError } from '../kernel/errors.js'
import type { MessageRecord, MessageStore, RecipientRecord } from '../kernel/message-store.js'
import type { TimestampFormatter } from '../kernel/time-format.js'
import type { EmulatorConfig } from '../schemas/config.js'
import { countDestinations, validateSendRequest } from '../validate-send-request.js'
import type { Emit } from './emulator-event.js'
import type { MessageSideTables } from './message-side-tables.js'

/** Who sent the request, as authentication established it. */
export interface SendContext {
  serviceId?: string | undefined
}

export interface AcceptSendOptions {
  clock: Clock
  config: EmulatorConfig
  formatTimestamp: TimestampFormatter
  /** The emulator's current id source (it is reseeded when a snapshot is imported). */
  uuid: () => string
  fateContext: FateContext
  store: MessageStore
  sideTables: MessageSideTables
  scheduleStep: (message: MessageRecord, recipient: RecipientRecord, step: LifecycleStep, at: number) => void
  emit: Emit
}

function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'bounce':
      return `bounce ${outcome.subtype}`
    case 'complaint':
      return `complaint ${outcome.feedbackType}`
    case 'suppressed':
      return 'suppressed'
    case 'hold':
      return 'held for a manual action'
    case 'delivered':
      return outcome.click
        ? 'clicked'
        : outcome.reads > 0
          ? `read x${outcome.reads}`
          : outcome.slow
            ? 'delivered (slow)'
            : outcome.autoReply
              ? 'delivered (out of office)'
              : 'delivered'
  }
}

/** What the request's tracking options take away from an outcome, said in its fate. */
function untracked(outcome: Outcome, facts: Pick<MailFacts, 'trackOpens' | 'trackClicks'>): string {
  if (outcome.kind !== 'delivered') return ''
  const dropped = [
    outcome.reads > 0 && !facts.trackOpens ? 'no Read: options.trackOpens is false' : '',
    outcome.click && !facts.trackClicks ? 'no Clicked: options.trackClicks is false' : '',
  ].filter(Boolean)
  return dropped.length ? `; ${dropped.join('; ')}` : ''
}

export function createSendAcceptor({
  clock,
  config,
  formatTimestamp,
  uuid,
  fateContext,
  store,
  sideTables,
  scheduleStep,
  emit,
}: AcceptSendOptions) {
  return function send(body: unknown, context: SendContext = {}): SendResponse {
    const request = validateSendRequest(body)
    const { max: recipientLimit, answer: overLimit } = config.recipientLimit
    const overRecipientLimit = countDestinations(request) > recipientLimit
    if (overRecipientLimit && overLimit === 'reject') {
      throw new EmulatorError(
        'too_many_destinations',
        `Recipient count exceeds ${recipientLimit}`,
        'to',
        `${countDestinations(request)} recipients in to, cc and bcc; an SES asset takes at most ${recipientLimit} per request (recipientLimit)`,
      )
    }
    const now = clock.now()
    const messageId = uuid()
    const firstCorrelationId = request.to[0]!.correlationId ?? ''
    const multiple = request.multipleToRecipients ?? false
    // Opens and clicks are tracked in an HTML body; an "html" email sent with only its text has none.
    const isHtml = request.content ? request.content.type === 'html' && request.content.html !== undefined : true
    const sender = request.from.toLowerCase()
    const startsAt = request.sendAt ? Math.max(now, Date.parse(request.sendAt)) : now

    const addresses: Array<Pick<RecipientRecord, 'address' | 'field' | 'correlationId'>> = []
    for (const entry of request.to) {
      for (const email of entry.email)
        addresses.push({
          address: email,
          field: 'to',
          correlationId: multiple ? firstCorrelationId : (entry.correlationId ?? ''),
        })
    }
    for (const field of ['cc', 'bcc'] as const) {
      for (const entry of request[field] ?? []) {
        for (const email of typeof entry === 'string' ? [entry] : entry.email)
          addresses.push({ address: email, field, correlationId: firstCorrelationId })
      }
    }

    const message: MessageRecord = {
      messageId,
      acceptedAt: now,
      requestTimestamp: formatTimestamp(now),
      startsAt,
      serviceId: context.serviceId ?? '',
      from: request.from,
      subject: request.content?.subject ?? request.template?.subject ?? '',
      contentType: isHtml ? 'html' : 'text',
      correlationId: firstCorrelationId,
      callbackData: request.callbackData ?? '',
      notifyUrl: request.notifyUrl,
      requestedReceipts: request.requestedReceipts,
      multipleToRecipients: multiple,
      gtrid: uuid(),
      recipients: [],
    }
    const authHeaders = request.notifyUrlAuthId ? config.webhooks.notifyUrlAuth[request.notifyUrlAuthId] : undefined
    if (authHeaders) sideTables.notifyUrlHeaders.set(message, authHeaders)
    const facts = {
      sender: request.from,
      isHtml,
      clickUrl: firstLink(request.content?.html),
      // Vendor: opens and clicks are tracked unless the request turns them off.
      trackOpens: request.options?.trackOpens !== false,
      trackClicks: request.options?.trackClicks !== false,
      recipientLimit,
    }
    sideTables.mailFacts.set(message, facts)

    for (const { address: raw, field, correlationId } of addresses) {
      const address = raw.trim().toLowerCase()
      // Past an SES asset's recipient limit (answer "fail-recipients") nobody gets the mail.
      const fate: Fate = overRecipientLimit
        ? { kind: 'rejected', receipt: 'recipientLimit' }
        : decideFate(address, sender, fateContext)
      const recipient: RecipientRecord = {
        address,
        field,
        correlationId,
        fate:
          fate.kind === 'rejected'
            ? `rejected (${receiptKinds[fate.receipt].code})`
            : `${describeOutcome(fate.outcome)} (${fate.decidedBy})${untracked(fate.outcome, facts)}`,
        status: 'Queued',
        receipts: [],
      }
      message.recipients.push(recipient)
      if (fate.kind !== 'rejected' && fate.outcome.kind === 'hold') sideTables.held.add(recipient)
      const mail: MailFacts = { ...facts, destination: address }
      const steps =
        fate.kind === 'rejected'
          ? planRejection(fate.receipt, mail, config.delays)
          : planLifecycle(fate.outcome as Exclude<Outcome, { kind: 'suppressed' }>, mail, config.delays)
      for (const step of steps) scheduleStep(message, recipient, step, startsAt + step.after)
    }

    store.add(message)
    emit({ type: 'message', message })
    return {
      requestTimestamp: message.requestTimestamp,
      messageId,
      correlationId: firstCorrelationId,
      status: 'queued',
    }
  }
}
