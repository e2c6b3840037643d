/**
 * @module How one recipient's fate is chosen, first match wins (DESIGN.md "Outcomes"):
 * request-time failures → rules → magic addresses → the configured default.
 */

import type { ContactPolicyFailure, ForcedVerdict } from '../../../kernel/contact-policy.js'
import { type CompiledRule, ruleOutcome } from '../../../kernel/rules.js'
import { checkAddress } from './address-checks.js'
import { magicOutcome } from './magic-addresses.js'
import { delivered, type Outcome, type PlayableOutcome } from './outcome.js'

export type RejectionReceipt =
  | 'invalidAddress'
  | 'maxLength'
  | 'alreadyBounced'
  | 'unsubscribed'
  | 'notVerified'
  | 'recipientLimit'
  | 'contactPolicy'

export type Fate =
  | { kind: 'rejected'; receipt: RejectionReceipt; failure?: ContactPolicyFailure }
  | { kind: 'lifecycle'; outcome: PlayableOutcome; decidedBy: 'rule' | 'magic address' | 'default' }

export interface FateContext {
  isSuppressed(address: string): boolean
  isUnsubscribed(sender: string, address: string): boolean
  isSandboxBlocked(address: string): boolean
  rules: readonly CompiledRule[]
  defaultOutcome: Outcome
  /** The request's contact-policy check for this address (undefined: it may be sent). */
  contactPolicy(address: string, forced: ForcedVerdict | undefined): ContactPolicyFailure | undefined
}

/** `address` and `sender` are lower-case. */
export function decideFate(address: string, sender: string, context: FateContext): Fate {
  const problem = checkAddress(address)
  if (problem) return { kind: 'rejected', receipt: problem }
  if (context.isSuppressed(address)) return { kind: 'rejected', receipt: 'alreadyBounced' }
  if (context.isUnsubscribed(sender, address)) return { kind: 'rejected', receipt: 'unsubscribed' }
  if (context.isSandboxBlocked(address)) return { kind: 'rejected', receipt: 'notVerified' }

  const fromRule = ruleOutcome(context.rules, address) as Outcome | undefined
  const fromMagic = fromRule ? undefined : magicOutcome(address)
  const outcome = fromRule ?? fromMagic ?? context.defaultOutcome
  // The SES simulator's suppressionlist@ address, or a "suppressed" rule, acts as already bounced.
  if (outcome.kind === 'suppressed') return { kind: 'rejected', receipt: 'alreadyBounced' }
  const failure = context.contactPolicy(address, outcome.kind === 'contact' ? outcome.verdict : undefined)
  if (failure) return { kind: 'rejected', receipt: 'contactPolicy', failure }
  const decidedBy = fromRule ? 'rule' : fromMagic ? 'magic address' : 'default'
  if (outcome.kind !== 'contact') return { kind: 'lifecycle', outcome, decidedBy }
  // A contact-policy outcome with no check asked for: nothing stops the mail, which plays the default
  // outcome — already bounced when that is "suppressed", delivered when it is a contact-policy one too.
  const played = context.defaultOutcome
  if (played.kind === 'suppressed') return { kind: 'rejected', receipt: 'alreadyBounced' }
  return { kind: 'lifecycle', outcome: played.kind === 'contact' ? delivered() : played, decidedBy }
}
