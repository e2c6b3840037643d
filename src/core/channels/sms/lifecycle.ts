/**
 * @module A phone destination's lifecycle as a timeline of receipts, e.g.
 * `submitted@0 → delivered@2s → clicked@8s` — SMS, MMS and RCS each with their own code table. A
 * failure *before* the operator (Failed: invalid sender, invalid address, too long, not RCS
 * capable) is one receipt with no Submitted; one *at* the operator (Un-Delivered) follows Submitted
 * as its delivery report. Expiry (`expireAt`, or `validity` after the start) turns a delivery
 * report due at or after it into the table's expiry code (SMS and MMS 7208 "Message expired", RCS
 * 7301); a message expired before it starts is never submitted. MMS and RCS have Read after
 * Delivered. Pure: it only plans.
 */
import type { ContactPolicyFailure } from '../../kernel/contact-policy.js'
import type { PlannedStep } from '../channel.js'
import { smsFailureCodes } from './codes.js'
import type { SmsDelays } from './config.js'
import type { PhoneOutcome } from './outcome.js'
import type { SmsReceiptKind } from './receipts.js'

export interface SmsStep extends PlannedStep {
  kind: SmsReceiptKind
}

/** A step of any phone channel: SMS's kinds and Read. */
export interface PhoneStep extends PlannedStep {
  kind: SmsReceiptKind | 'read'
}

/** A failure code's text and whether it fails before the operator (Failed) or at it (Un-Delivered). */
export interface PhoneFailureCode {
  description: string
  status: 'Failed' | 'Un-Delivered'
  /** The receipt's `additionalInfo`, `{number}` standing for the destination (RCS 7010). */
  additionalInfo?: string
  /** A Failed that comes after Submitted, as the provider's report (RCS has no Un-Delivered). */
  afterSubmitted?: boolean
}

/** What a phone channel's lifecycle needs of it: its failure codes, its expiry code, whether it reports reads. */
export interface PhoneLifecycleTable {
  codes: ReadonlyMap<string, PhoneFailureCode>
  expiredCode: string
  read: boolean
}

/** Delays of a phone channel's lifecycle, in ms (`read` only where it reports reads). */
export interface PhoneDelays extends SmsDelays {
  read?: number
}

const smsTable: PhoneLifecycleTable = { codes: smsFailureCodes, expiredCode: '7208', read: false }

/** What a click needs: the link and whether the request shortens and tracks links. */
export interface ClickFacts {
  /** The first http(s) link of the text, if any. */
  link: string | undefined
  /** `options.shortenLinks` and `options.trackClicks` both true: only then are clicks reported. */
  tracked: boolean
}

/** The click's origin: an address from TEST-NET-1 (RFC 5737), never a real host. */
const clickIp = '192.0.2.1'
/** The user agent of the vendor's Clicked sample. */
const clickUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36'

/** The first http(s) link in a text. */
export function firstLinkIn(text: string): string | undefined {
  return /https?:\/\/[^\s<>"']+/i.exec(text)?.[0]
}

/** Failed or Un-Delivered with `code` of `codes`: its step. */
export function phoneFailureStep(
  codes: ReadonlyMap<string, PhoneFailureCode>,
  code: string,
  after: number,
  number = '',
): PhoneStep & SmsStep {
  const known = codes.get(code)!
  return {
    kind: known.status === 'Failed' ? 'failed' : 'undelivered',
    after,
    code,
    description: known.description,
    additionalInfo: known.additionalInfo?.replaceAll('{number}', number) ?? '',
  }
}

export const clickedStep = (link: string, after: number): SmsStep => ({
  kind: 'clicked',
  after,
  description: `${link}|${clickIp}`,
  additionalInfo: clickUserAgent,
})

const submitted = (after: number): SmsStep => ({
  kind: 'submitted',
  after,
  description: 'Submitted',
  additionalInfo: '',
})

/** A contact-policy failure: one Failed receipt with its own code and text. */
export function contactPolicyStep(failure: ContactPolicyFailure, delays: Pick<SmsDelays, 'failed'>): SmsStep {
  return {
    kind: 'contactPolicy',
    after: delays.failed,
    code: failure.code,
    description: failure.description,
    additionalInfo: '',
  }
}

/**
 * Plans one SMS destination. `expiresIn` is ms from the message's start to its expiry (undefined:
 * it never expires).
 */
export function planSmsLifecycle(
  outcome: Exclude<PhoneOutcome, { kind: 'contact' }>,
  delays: SmsDelays,
  click: ClickFacts,
  expiresIn: number | undefined,
): SmsStep[] {
  return planPhoneLifecycle(smsTable, outcome, delays, click, expiresIn) as SmsStep[]
}

/** Plans one destination of a phone channel with its code table (`number` fills additionalInfo texts). */
export function planPhoneLifecycle(
  table: PhoneLifecycleTable,
  outcome: Exclude<PhoneOutcome, { kind: 'contact' }>,
  delays: PhoneDelays,
  click: ClickFacts,
  expiresIn: number | undefined,
  number = '',
): PhoneStep[] {
  const fail = (code: string, after: number) => phoneFailureStep(table.codes, code, after, number)
  const expired = fail(table.expiredCode, Math.max(0, expiresIn ?? 0))
  if (expiresIn !== undefined && expiresIn <= 0) return [expired]
  const failure = outcome.kind === 'failure' ? table.codes.get(outcome.code) : undefined
  if (outcome.kind === 'failure' && failure?.status === 'Failed' && !failure.afterSubmitted)
    return [fail(outcome.code, delays.failed)]

  const steps: PhoneStep[] = [submitted(delays.submitted)]
  const ended = () => steps.at(-1)!.kind === 'undelivered' || steps.at(-1)!.kind === 'failed'
  const report = (step: PhoneStep): void => {
    // Steps never run backwards; a report due at or after the expiry is the expiry.
    step.after = Math.max(step.after, steps.at(-1)!.after)
    if (expiresIn !== undefined && step.after >= expiresIn) {
      if (!ended()) steps.push({ ...expired, after: Math.max(expiresIn, steps.at(-1)!.after) })
      return
    }
    steps.push(step)
  }
  switch (outcome.kind) {
    case 'hold':
      return steps
    case 'submitted':
      // Never reported by the operator: only the expiry, if there is one, ends it.
      if (expiresIn !== undefined) steps.push({ ...expired, after: Math.max(expiresIn, delays.submitted) })
      return steps
    case 'failure':
      report(fail(outcome.code, delays.delivered))
      return steps
    case 'delivered': {
      report({
        kind: 'delivered',
        after: outcome.slow ? delays.slow : delays.delivered,
        description: 'Delivered',
        additionalInfo: '',
      })
      // A delivered message can be read and clicked whenever; expiry only ends undelivered ones.
      const delivered = steps.at(-1)!.kind === 'delivered'
      if (table.read && delivered && (outcome.read || outcome.click))
        steps.push({
          kind: 'read',
          after: Math.max(delays.read ?? delays.delivered, steps.at(-1)!.after),
          description: 'Read',
          additionalInfo: '',
        })
      if (outcome.click && click.tracked && click.link && delivered)
        steps.push(clickedStep(click.link, Math.max(delays.clicked, steps.at(-1)!.after)))
      return steps
    }
  }
}
