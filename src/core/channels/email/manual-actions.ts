/**
 * @module Driving a recipient by hand (control API, console, scenarios): deliver, bounce, complain,
 * read or click now. Missing earlier steps are filled in (a complaint implies Submitted and
 * Delivered), and impossible moves are refused with the reason (409 `conflict`).
 */
import { z } from 'zod'
import { EmulatorError } from '../../kernel/errors.js'
import type { ReceiptSpec } from '../channel.js'
import { clickIp, clickUserAgent, type LifecycleStep, type MailFacts } from './lifecycle.js'
import { bounceDiagnostics } from './outcomes/bounce-diagnostics.js'
import { type BounceSubtype, type ComplaintType, isPermanentBounce, parseOutcome } from './outcomes/outcome.js'
import { type ReceiptKind, receiptKinds } from './receipts.js'

export const manualActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('deliver') }),
  /** `type`: a bounce subtype, short (mailboxfull) or in full (Transient_MailboxFull). */
  z.strictObject({ action: z.literal('bounce'), type: z.string().default('general') }),
  /** `type`: a complaint feedback type (abuse, auth-failure, fraud, not-spam, other, virus). */
  z.strictObject({ action: z.literal('complain'), type: z.string().default('abuse') }),
  z.strictObject({ action: z.literal('read') }),
  /** `url`: the link clicked; the first link in the HTML when absent. */
  z.strictObject({ action: z.literal('click'), url: z.url().optional() }),
])
export type ManualAction = z.input<typeof manualActionSchema>

function bounceSubtype(type: string): BounceSubtype {
  const outcome = parseOutcome(`bounce-${type}`)
  if (outcome?.kind !== 'bounce')
    throw new EmulatorError(
      'invalid_request',
      `"${type}" is not a bounce type: use general, noemail, suppressed, transient, mailboxfull, toolarge, contentrejected, attachmentrejected or undetermined`,
      'type',
    )
  return outcome.subtype
}

function complaintType(type: string): ComplaintType {
  const outcome = parseOutcome(`complaint-${type}`)
  if (outcome?.kind !== 'complaint')
    throw new EmulatorError(
      'invalid_request',
      `"${type}" is not a complaint type: use abuse, auth-failure, fraud, not-spam, other or virus`,
      'type',
    )
  return outcome.feedbackType
}

/** The steps to fire now, in order; throws `invalid_request` when the move is impossible. */
export function planManualAction(
  input: ManualAction,
  history: readonly ReceiptKind[],
  mail: MailFacts,
): LifecycleStep[] {
  const action = manualActionSchema.parse(input)
  // Bad input is refused before the recipient's state is looked at.
  const bounce = action.action === 'bounce' ? bounceSubtype(action.type) : undefined
  const complaint = action.action === 'complain' ? complaintType(action.type) : undefined
  const final = history.find((kind) => (receiptKinds[kind] as ReceiptSpec).final === true)
  if (final)
    throw new EmulatorError(
      'conflict',
      `${mail.destination} already ended with ${final === 'bounce' ? 'a bounce' : `a ${final} failure`}: nothing more can happen to it`,
    )
  const delivered = history.includes('delivered')
  const steps: LifecycleStep[] = []
  const step = (kind: ReceiptKind, description: string, additionalInfo = '', suppresses = false) =>
    steps.push({ kind, after: 0, description, additionalInfo, ...(suppresses ? { effects: ['suppress'] } : {}) })
  if (!history.includes('submitted')) step('submitted', 'Submitted')

  if (bounce) {
    if (delivered)
      throw new EmulatorError(
        'conflict',
        `${mail.destination} was already delivered; it can still be read, clicked or complained about`,
      )
    step('bounce', bounce, bounceDiagnostics[bounce], isPermanentBounce(bounce))
    return steps
  }
  if (action.action === 'deliver' && delivered)
    throw new EmulatorError('conflict', `${mail.destination} was already delivered`)
  if ((action.action === 'read' || action.action === 'click') && !mail.isHtml) {
    throw new EmulatorError(
      'conflict',
      `${mail.destination} got a text email: text mail is never read or clicked (SES tracks both in HTML only)`,
    )
  }
  if (action.action === 'read' && !mail.trackOpens)
    throw new EmulatorError(
      'conflict',
      `${mail.destination}'s message has options.trackOpens false: opens are not reported`,
    )
  if (action.action === 'click' && !mail.trackClicks)
    throw new EmulatorError(
      'conflict',
      `${mail.destination}'s message has options.trackClicks false: clicks are not reported`,
    )
  if (action.action === 'click' && action.url === undefined && mail.clickUrl === undefined)
    throw new EmulatorError(
      'conflict',
      `${mail.destination}'s HTML has no tracked link to click (an <a href> with an http(s) URL, not tagged no-track-connect); give the click a "url"`,
    )
  if (!delivered) step('delivered', 'Delivered')
  if (complaint) step('complaint', complaint)
  if (action.action === 'read') step('read', 'Read')
  if (action.action === 'click') step('clicked', `${action.url ?? mail.clickUrl}|${clickIp}`, clickUserAgent)
  return steps
}
