/**
 * @module An email send, planned: every recipient (to, cc, bcc) with its fate decided and its
 * lifecycle laid out, before anything is recorded or scheduled — so a request is accepted whole or
 * refused whole.
 */
import { scheduleStart, v2InvalidParameter } from '../../apis/v2-schedule.js'
import { normaliseAddress } from '../../kernel/addresses.js'
import { EmulatorError } from '../../kernel/errors.js'
import { isoTime } from '../../kernel/time-bounds.js'
import type { PlannedMessage, PlannedRecipient } from '../channel.js'
import type { EmailConfig } from './config.js'
import { type ContentBudget, keepSentEmail } from './content.js'
import { firstLink, type MailFacts, planLifecycle, planRejection, templateClickUrl } from './lifecycle.js'
import { decideFate, type Fate, type FateContext } from './outcomes/decide-fate.js'
import type { Outcome, PlayableOutcome } from './outcomes/outcome.js'
import { receiptKinds } from './receipts.js'
import type { EmailMessageFields, EmailRecipientFields } from './record.js'
import { type SendRequest, senderAddress } from './schemas/send-request.js'

/** What a manual action or an effect needs to know of the message later (not shown in the record). */
export type EmailFacts = Omit<MailFacts, 'destination'>

function describeOutcome(outcome: PlayableOutcome): string {
  switch (outcome.kind) {
    case 'bounce':
      return `bounce ${outcome.subtype}`
    case 'complaint':
      return `complaint ${outcome.feedbackType}`
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

/** What the request's tracking options (or an HTML with no link to click) take away from an outcome, said in its fate. */
function untracked(
  outcome: Outcome,
  facts: Pick<MailFacts, 'trackOpens' | 'trackClicks' | 'isHtml' | 'clickUrl'>,
): string {
  if (outcome.kind !== 'delivered') return ''
  const dropped = [
    outcome.reads > 0 && !facts.trackOpens ? 'no Read: options.trackOpens is false' : '',
    outcome.click && !facts.trackClicks ? 'no Clicked: options.trackClicks is false' : '',
    outcome.click && facts.trackClicks && facts.isHtml && facts.clickUrl === undefined
      ? 'no Clicked: the HTML has no tracked link'
      : '',
  ].filter(Boolean)
  return dropped.length ? `; ${dropped.join('; ')}` : ''
}

/**
 * An email expires only before it starts: at its start it is handed to SES (Submitted, "e-mail sent
 * to the gateway"), past which the platform's expiry ("not forwarded … after expiry", D-SMSV2) has
 * nothing left to hold back, and the vendor's email codes have no expiry receipt to send for one
 * that never started. So an `expireAt` at or before the start (now, or `sendAt`) is refused:
 * no email could be sent, and nothing would tell the client so. (SMS plays such a message out as
 * Un-Delivered 7208 "Message expired", a code its table has.) `validity` counts from the start, so
 * it never ends an email. docs/decisions/017.
 */
function refuseExpiredBeforeStart(expireAt: string | undefined, startsAt: number): void {
  if (expireAt === undefined || Date.parse(expireAt) > startsAt) return
  throw new EmulatorError(
    'invalid_parameter',
    v2InvalidParameter('expireAt'),
    'expireAt',
    `expireAt "${expireAt}" is not after the email's start (${isoTime(startsAt)}): an email expires only before it is handed to SES, and the vendor has no email receipt for one that expired unsent`,
  )
}

/** To, cc and bcc recipients; 7009 past 1000 is checked on this count by the API. */
export function countRecipients(request: SendRequest): number {
  // Loops, not a spread copy and reduce callbacks: counted for every send.
  let count = 0
  for (const entry of request.to) count += entry.email.length
  for (const entry of request.cc ?? []) count += typeof entry === 'string' ? 1 : entry.email.length
  for (const entry of request.bcc ?? []) count += typeof entry === 'string' ? 1 : entry.email.length
  return count
}

export function planEmail(
  request: SendRequest,
  now: number,
  config: EmailConfig,
  fateContext: (request: SendRequest) => FateContext,
  /** Counts what the record keeps of the bodies against `email.content.totalBytes`. */
  budget?: ContentBudget,
): PlannedMessage<EmailMessageFields, EmailRecipientFields> {
  const startsAt = scheduleStart(request, now)
  refuseExpiredBeforeStart(request.expireAt, startsAt)
  const { max: recipientLimit, answer: overLimit } = config.recipientLimit
  const count = countRecipients(request)
  const overRecipientLimit = count > recipientLimit
  if (overRecipientLimit && overLimit === 'reject') {
    throw new EmulatorError(
      'too_many_destinations',
      `Recipient count exceeds ${recipientLimit}`,
      'to',
      `${count} recipients in to, cc and bcc; an SES asset takes at most ${recipientLimit} per request (email.recipientLimit)`,
    )
  }
  const fateOf = fateContext(request)
  const firstCorrelationId = request.to[0]!.correlationId ?? ''
  const multiple = request.multipleToRecipients ?? false
  // Opens and clicks are tracked in an HTML body; an "html" email sent with only its text has none.
  const isHtml = request.content ? request.content.type === 'html' && request.content.html !== undefined : true
  // The address, also from a name-addr ("News <news@brand.test>"): its unsubscribe list is keyed by it.
  const sender = normaliseAddress(senderAddress(request.from))
  const facts: EmailFacts = {
    sender: request.from,
    isHtml,
    clickUrl: request.content
      ? request.content.html === undefined
        ? undefined
        : firstLink(request.content.html)
      : templateClickUrl,
    // Vendor: opens and clicks are tracked unless the request turns them off.
    trackOpens: request.options?.trackOpens !== false,
    trackClicks: request.options?.trackClicks !== false,
    recipientLimit,
  }

  const addresses: Array<{ address: string; field: EmailRecipientFields['field']; correlationId: string }> = []
  for (const entry of request.to) {
    const correlationId = multiple ? firstCorrelationId : (entry.correlationId ?? '')
    for (const email of entry.email) addresses.push({ address: email, field: 'to', correlationId })
  }
  for (const field of ['cc', 'bcc'] as const) {
    for (const entry of request[field] ?? []) {
      for (const email of typeof entry === 'string' ? [entry] : entry.email)
        addresses.push({ address: email, field, correlationId: firstCorrelationId })
    }
  }

  const recipients = addresses.map(({ address: raw, field, correlationId }): PlannedRecipient<EmailRecipientFields> => {
    const address = normaliseAddress(raw)
    // Past an SES asset's recipient limit (answer "fail-recipients") nobody gets the mail.
    const fate: Fate = overRecipientLimit
      ? { kind: 'rejected', receipt: 'recipientLimit' }
      : decideFate(address, sender, fateOf)
    // The literal's own key first: a property added to a spread copy (`{ ...facts, destination }`)
    // made V8 build a new hidden class each time, about 1 µs a recipient (bench/PROFILE.md).
    const mail: MailFacts = { destination: address, ...facts }
    return {
      address,
      correlationId,
      fields: { field },
      fate:
        fate.kind === 'rejected'
          ? `rejected (${fate.failure?.code ?? receiptKinds[fate.receipt].code})`
          : `${describeOutcome(fate.outcome)} (${fate.decidedBy})${untracked(fate.outcome, facts)}`,
      held: fate.kind !== 'rejected' && fate.outcome.kind === 'hold',
      steps:
        fate.kind === 'rejected'
          ? planRejection(fate.receipt, mail, config.delays, fate.failure)
          : planLifecycle(fate.outcome, mail, config.delays),
    }
  })

  const { subject, subjectTruncated, content } = keepSentEmail(request, config.content, budget)
  return {
    from: request.from,
    correlationId: firstCorrelationId,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyUrl,
    notifyUrlAuthId: request.notifyUrlAuthId,
    requestedReceipts: request.requestedReceipts,
    startsAt,
    fields: {
      subject,
      ...(subjectTruncated === undefined ? {} : { subjectTruncated }),
      contentType: isHtml ? 'html' : 'text',
      multipleToRecipients: multiple,
      content,
    },
    facts,
    recipients,
  }
}
