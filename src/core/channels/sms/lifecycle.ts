/**
 * @module An SMS destination's lifecycle as a timeline of receipts, e.g.
 * `submitted@0 → delivered@2s → clicked@8s`. A failure *before* the operator (Failed: invalid
 * sender, invalid address, too long) is one receipt with no Submitted; one *at* the operator
 * (Un-Delivered) follows Submitted as its delivery report. Expiry (`expireAt`, or `validity` after
 * the start) turns a delivery report due at or after it into Un-Delivered 7208 "Message expired";
 * a message expired before it starts is never submitted. Pure: it only plans.
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

/** Failed or Un-Delivered with `code`: its step. */
export function failureStep(code: string, after: number): SmsStep {
  const known = smsFailureCodes.get(code)!
  return {
    kind: known.status === 'Failed' ? 'failed' : 'undelivered',
    after,
    code,
    description: known.description,
    additionalInfo: '',
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
export function contactPolicyStep(failure: ContactPolicyFailure, delays: SmsDelays): SmsStep {
  return {
    kind: 'contactPolicy',
    after: delays.failed,
    code: failure.code,
    description: failure.description,
    additionalInfo: '',
  }
}

/**
 * Plans one destination. `expiresIn` is ms from the message's start to its expiry (undefined: it
 * never expires).
 */
export function planSmsLifecycle(
  outcome: Exclude<PhoneOutcome, { kind: 'contact' }>,
  delays: SmsDelays,
  click: ClickFacts,
  expiresIn: number | undefined,
): SmsStep[] {
  const expired = failureStep('7208', Math.max(0, expiresIn ?? 0))
  if (expiresIn !== undefined && expiresIn <= 0) return [expired]
  if (outcome.kind === 'failure' && smsFailureCodes.get(outcome.code)?.status === 'Failed')
    return [failureStep(outcome.code, delays.failed)]

  const steps: SmsStep[] = [submitted(delays.submitted)]
  const report = (step: SmsStep): void => {
    // Steps never run backwards; a report due at or after the expiry is the expiry.
    step.after = Math.max(step.after, steps.at(-1)!.after)
    if (expiresIn !== undefined && step.after >= expiresIn) {
      if (steps.at(-1)!.kind !== 'undelivered')
        steps.push({ ...expired, after: Math.max(expiresIn, steps.at(-1)!.after) })
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
      report(failureStep(outcome.code, delays.delivered))
      return steps
    case 'delivered': {
      report({
        kind: 'delivered',
        after: outcome.slow ? delays.slow : delays.delivered,
        description: 'Delivered',
        additionalInfo: '',
      })
      // A delivered message can be clicked whenever; expiry only ends undelivered ones.
      if (outcome.click && click.tracked && click.link && steps.at(-1)!.kind === 'delivered')
        steps.push(clickedStep(click.link, Math.max(delays.clicked, steps.at(-1)!.after)))
      return steps
    }
  }
}
