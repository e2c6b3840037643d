/**
 * @module What happens to one recipient, and the one grammar that names it — shared by plus-labels
 * (`ann+bounce-mailboxfull@x.test`), config rules and `defaultOutcome`.
 */
import { type ForcedVerdict, parseContactOutcome } from '../../../kernel/contact-policy.js'

/** Amazon SES bounce subtypes as Webex Connect reports them in `Description` (seed 000, Bounce). */
export const bounceSubtypes = [
  'Permanent_General',
  'Permanent_NoEmail',
  'Permanent_Suppressed',
  'Transient_General',
  'Transient_MailboxFull',
  'Transient_MessageTooLarge',
  'Transient_ContentRejected',
  'Transient_AttachmentRejected',
  'Undetermined',
] as const
/** One of `bounceSubtypes`. */
export type BounceSubtype = (typeof bounceSubtypes)[number]

/** Complaint feedback types (seed 000, Complaint). */
export const complaintTypes = ['abuse', 'auth-failure', 'fraud', 'not-spam', 'other', 'virus'] as const
/** One of `complaintTypes`. */
export type ComplaintType = (typeof complaintTypes)[number]

/** What happens to one recipient, as `parseOutcome()` reads a plus-label, rule or `defaultOutcome`. */
export type Outcome =
  | { kind: 'delivered'; reads: number; click: boolean; slow: boolean; autoReply: boolean }
  | { kind: 'bounce'; subtype: BounceSubtype }
  | { kind: 'complaint'; feedbackType: ComplaintType }
  /** Already on the bounce list: rejected at request time with 7240. */
  | { kind: 'suppressed' }
  /** Submitted, then waits for someone to act on it (control API, console, scenario). */
  | { kind: 'hold' }
  /**
   * Fails the contact-policy check the request asks for ("noconsent" 9002, "consent-expired"
   * 9010, "frequency-capped" 9006); plays the default outcome when the request asks for none.
   */
  | { kind: 'contact'; verdict: ForcedVerdict }

/**
 * Short names for bounce subtypes; the full names (any case) work too. A Map, not an object: the
 * names come from addresses and rules, and `bounce-constructor` must not find Object's constructor.
 */
const bounceAliases = new Map<string, BounceSubtype>([
  ['general', 'Permanent_General'],
  ['noemail', 'Permanent_NoEmail'],
  ['suppressed', 'Permanent_Suppressed'],
  ['transient', 'Transient_General'],
  ['mailboxfull', 'Transient_MailboxFull'],
  ['toolarge', 'Transient_MessageTooLarge'],
  ['messagetoolarge', 'Transient_MessageTooLarge'],
  ['contentrejected', 'Transient_ContentRejected'],
  ['attachmentrejected', 'Transient_AttachmentRejected'],
  ['undetermined', 'Undetermined'],
  ...bounceSubtypes.map((s) => [s.toLowerCase(), s] as const),
])

/** An outcome a lifecycle plays: "suppressed" and the contact-policy ones are decided before any lifecycle. */
export type PlayableOutcome = Exclude<Outcome, { kind: 'suppressed' | 'contact' }>

export const delivered = (overrides: Partial<Extract<Outcome, { kind: 'delivered' }>> = {}): PlayableOutcome => ({
  kind: 'delivered',
  reads: 0,
  click: false,
  slow: false,
  autoReply: false,
  ...overrides,
})

/**
 * Parses an outcome name (plus-label, rule outcome, `defaultOutcome`); undefined when the name
 * means nothing — e.g. to validate names before putting them in a config.
 * @example
 * import { parseOutcome } from 'webex-connect-emulator'
 *
 * parseOutcome('bounce-mailboxfull') // { kind: 'bounce', subtype: 'Transient_MailboxFull' }
 * parseOutcome('read-3')             // delivered, then read three times
 */
export function parseOutcome(name: string): Outcome | undefined {
  const verdict = parseContactOutcome(name)
  if (verdict) return { kind: 'contact', verdict }
  const lower = name.trim().toLowerCase()
  const [head, ...rest] = lower.split('-')
  const detail = rest.join('-')
  switch (head) {
    case 'delivered':
    case 'success':
      return detail ? undefined : delivered()
    case 'ooto':
      return detail ? undefined : delivered({ autoReply: true })
    case 'slow':
      return detail ? undefined : delivered({ slow: true })
    case 'read': {
      if (!detail) return delivered({ reads: 1 })
      const reads = /^\d{1,2}$/.test(detail) ? Number(detail) : 0
      return reads > 0 ? delivered({ reads }) : undefined
    }
    case 'click':
    case 'clicked':
      return detail ? undefined : delivered({ reads: 1, click: true })
    case 'bounce':
    case 'bounced': {
      const subtype = detail ? bounceAliases.get(detail) : 'Permanent_General'
      return subtype ? { kind: 'bounce', subtype } : undefined
    }
    case 'complaint': {
      const feedbackType = detail ? complaintTypes.find((t) => t === detail) : 'abuse'
      return feedbackType ? { kind: 'complaint', feedbackType } : undefined
    }
    case 'hold':
    case 'manual':
      return detail ? undefined : { kind: 'hold' }
    case 'suppressed':
    case 'suppressionlist':
      return detail ? undefined : { kind: 'suppressed' }
    default:
      return undefined
  }
}

export function isPermanentBounce(subtype: BounceSubtype): boolean {
  return subtype.startsWith('Permanent_')
}
