/**
 * @module What happens to one phone number, and the grammar that names it — shared by rules,
 * `defaultOutcome`, manual actions and the test numbers (test-numbers.ts). Each phone-number
 * channel reads it with its own code table.
 */
import { type ForcedVerdict, parseContactOutcome } from './contact-policy.js'

/** What happens to one destination. */
export type PhoneOutcome =
  /** Submitted, then delivered (after `delays.slow` when slow), then — where the channel has them — read, clicked. */
  | { kind: 'delivered'; slow: boolean; click: boolean; read: boolean }
  /** Submitted and never heard of again (no delivery report), e.g. to test a client's timeout. */
  | { kind: 'submitted' }
  /** Fails with a code of the channel's table: Failed before the operator, Un-Delivered at it. */
  | { kind: 'failure'; code: string }
  /** Submitted, then waits for someone to act on it (control API, console, scenario). */
  | { kind: 'hold' }
  /** Fails the contact-policy check the request asks for; plays the default outcome when it asks for none. */
  | { kind: 'contact'; verdict: ForcedVerdict }

/** A channel's failure codes and their short names. */
export interface CodeTable {
  codes: ReadonlyMap<string, unknown>
  aliases: ReadonlyMap<string, string>
  /** The code `failed` / `undelivered` alone mean. */
  defaults: { failed: string; undelivered: string }
}

const delivered = (overrides: Partial<Extract<PhoneOutcome, { kind: 'delivered' }>> = {}): PhoneOutcome => ({
  kind: 'delivered',
  slow: false,
  click: false,
  read: false,
  ...overrides,
})

/**
 * What a recipient plays once no contact-policy check has refused it: a forced verdict (`noconsent`,
 * …) yields to the channel's default outcome, and a default that is itself a verdict to delivered.
 * `O` is a channel's outcome type: the phone outcomes, with any kinds of its own.
 * @example
 * playedOutcome(parsePhoneOutcome('noconsent', table)!, parsePhoneOutcome('fail-7102', table)!)
 * // { kind: 'failure', code: '7102' }
 */
export function playedOutcome<O extends { kind: string }>(
  outcome: O,
  defaultOutcome: O,
): Exclude<O | PhoneOutcome, { kind: 'contact' }> {
  const played: O | PhoneOutcome = outcome.kind === 'contact' ? defaultOutcome : outcome
  return (played.kind === 'contact' ? delivered() : played) as Exclude<O | PhoneOutcome, { kind: 'contact' }>
}

/**
 * Parses an outcome name; undefined when it means nothing in this table.
 * @example
 * parsePhoneOutcome('fail-7207', smsTable)  // { kind: 'failure', code: '7207' }
 * parsePhoneOutcome('sim-full', smsTable)   // { kind: 'failure', code: '7206' }
 * parsePhoneOutcome('7102', smsTable)       // { kind: 'failure', code: '7102' }
 */
export function parsePhoneOutcome(name: string, table: CodeTable): PhoneOutcome | undefined {
  const verdict = parseContactOutcome(name)
  if (verdict) return { kind: 'contact', verdict }
  const lower = name.trim().toLowerCase()
  switch (lower) {
    case 'delivered':
    case 'success':
      return delivered()
    case 'slow':
      return delivered({ slow: true })
    case 'click':
    case 'clicked':
      return delivered({ click: true, read: true })
    case 'read':
      return delivered({ read: true })
    case 'submitted':
    case 'stuck':
      return { kind: 'submitted' }
    case 'hold':
    case 'manual':
      return { kind: 'hold' }
    case 'failed':
    case 'fail':
      return { kind: 'failure', code: table.defaults.failed }
    case 'undelivered':
    case 'un-delivered':
      return { kind: 'failure', code: table.defaults.undelivered }
  }
  const code = /^(?:(?:fail|failed|undelivered|un-delivered)-)?(\d{4})$/.exec(lower)?.[1] ?? table.aliases.get(lower)
  return code !== undefined && table.codes.has(code) ? { kind: 'failure', code } : undefined
}

/** How a fate reads in the inspection API ("failed 7102 (rule)"). */
export function describePhoneOutcome(outcome: PhoneOutcome, statusOf: (code: string) => string): string {
  switch (outcome.kind) {
    case 'delivered':
      return outcome.click ? 'clicked' : outcome.slow ? 'delivered (slow)' : outcome.read ? 'read' : 'delivered'
    case 'submitted':
      return 'submitted, never delivered'
    case 'failure':
      return `${statusOf(outcome.code).toLowerCase()} ${outcome.code}`
    case 'hold':
      return 'held for a manual action'
    case 'contact':
      return `contact policy: ${outcome.verdict}`
  }
}
