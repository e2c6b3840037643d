/**
 * @module Addresses that pick their own fate: the Amazon SES mailbox simulator
 * (`bounce@simulator.amazonses.com`, …) and plus-labels on any address (`ann+complaint@x.test`).
 */
import { type Outcome, parseOutcome } from './outcome.js'

const simulatorDomain = 'simulator.amazonses.com'

/** SES mailbox-simulator local parts and what SES does with each. */
const simulatorMailboxes: Record<string, string> = {
  success: 'delivered',
  bounce: 'bounce-general',
  ooto: 'ooto',
  complaint: 'complaint-abuse',
  suppressionlist: 'suppressed',
}

/** The outcome an address asks for by itself, if any. Labels after the last "+" are tried. */
export function magicOutcome(address: string): Outcome | undefined {
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at).toLowerCase()
  const domain = address.slice(at + 1).toLowerCase()
  const plus = local.lastIndexOf('+')
  const mailbox = plus === -1 ? local : local.slice(0, plus)
  const label = plus === -1 ? undefined : local.slice(plus + 1)

  // SES itself accepts labels on simulator addresses (success+label@…) and ignores them.
  if (domain === simulatorDomain && simulatorMailboxes[mailbox]) return parseOutcome(simulatorMailboxes[mailbox])
  return label ? parseOutcome(label) : undefined
}
