/**
 * @module The WhatsApp outcome grammar: the phone grammar (kernel/phone-outcome.ts) over the WhatsApp code
 * table, plus "unread" (delivered, never read). Test numbers are the SMS ones (kernel/test-numbers.ts):
 * +44 7700 900710 fails with 7710, +44 7700 900502 is read, 9NN are held.
 */
import { type PhoneOutcome, parsePhoneOutcome } from '../../kernel/phone-outcome.js'
import { waFailureAliases, waFailureCodes } from './codes.js'

export type WaOutcome = PhoneOutcome | { kind: 'unread' }

export function parseWaOutcome(name: string): WaOutcome | undefined {
  if (name.trim().toLowerCase() === 'unread') return { kind: 'unread' }
  return parsePhoneOutcome(name, {
    codes: waFailureCodes,
    aliases: waFailureAliases,
    defaults: { failed: '7713', undelivered: '7871' },
  })
}

export const waOutcomeNames = [
  'delivered',
  'read',
  'unread',
  'slow',
  'submitted',
  'hold',
  'failed',
  'fail-NNNN',
  ...waFailureAliases.keys(),
]
