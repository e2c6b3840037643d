/**
 * @module The RCS status codes past Submitted, Delivered and Read (notes §3.3: D-CODES "RCS"), the
 * short names the outcome grammar gives them, and the grammar itself (the phone grammar of
 * ../outcome.ts over this table). RCS has no Un-Delivered: every failure is Failed; those a
 * provider reports after taking the message (expiry, unreachable endpoint, a failure IMDN) follow
 * Submitted. 7010's text and `additionalInfo` are D-RCSWH's "Failed" sample's.
 */
import type { PhoneFailureCode } from '../lifecycle.js'
import { type CodeTable, type PhoneOutcome, parsePhoneOutcome } from '../outcome.js'

const failed = (description: string, more: Partial<PhoneFailureCode> = {}): PhoneFailureCode => ({
  description,
  status: 'Failed',
  ...more,
})

/** Every RCS failure code, by code. */
export const rcsFailureCodes: ReadonlyMap<string, PhoneFailureCode> = new Map([
  ['7006', failed('Internal server error')],
  [
    '7010',
    failed('Service provider exception.', {
      additionalInfo: 'Unable to determine service provider for recipient: {number} carrier: N/A and protocol:RCS',
    }),
  ],
  ['7011', failed('Unknown Exception')],
  ['7301', failed('Message expired', { afterSubmitted: true })],
  ['7307', failed('Endpoint not reachable', { afterSubmitted: true })],
  ['7318', failed('General Bad Request error')],
  ['7319', failed('Not Found')],
  ['7320', failed('Invalid JSON')],
  ['7321', failed('Invalid JSON Content')],
  ['7322', failed('Provider not configured for chatbot')],
  ['7323', failed('Unable to locate carrier for the recipient')],
  ['7324', failed('Max TPS reached')],
  ['7325', failed('Unauthorized access')],
  ['7326', failed('Internal System Error')],
  ['7327', failed('External System error')],
  ['7329', failed('Carrier lookup process failure')],
  ['7330', failed('Includes: details from MaaP', { afterSubmitted: true })],
  ['7331', failed('Rate limited at MaaP and retries expired', { afterSubmitted: true })],
  ['7334', failed('MaaP returned a Failure IMDN', { afterSubmitted: true })],
  ['7740', failed('Invalid media details')],
])

/** Codes that mean "this number cannot take RCS" (rcs.fallbackOn "capability" falls back on these only). */
export const rcsCapabilityCodes: ReadonlySet<string> = new Set(['7010', '7322', '7323', '7329'])

export const rcsFailureAliases: ReadonlyMap<string, string> = new Map([
  ['internal-error', '7006'],
  ['not-capable', '7010'],
  ['no-rcs', '7010'],
  ['unknown', '7011'],
  ['expired', '7301'],
  ['unreachable', '7307'],
  ['bad-request', '7318'],
  ['no-chatbot', '7322'],
  ['no-carrier', '7323'],
  ['rate-limited', '7324'],
  ['carrier-lookup', '7329'],
  ['maap-failure', '7334'],
  ['invalid-media', '7740'],
])

export const rcsOutcomeTable: CodeTable & { codes: ReadonlyMap<string, PhoneFailureCode> } = {
  codes: rcsFailureCodes,
  aliases: rcsFailureAliases,
  defaults: { failed: '7010', undelivered: '7307' },
}

/** Parses an RCS outcome name (rules, `rcs.defaultOutcome`). */
export const parseRcsOutcome = (name: string): PhoneOutcome | undefined => parsePhoneOutcome(name, rcsOutcomeTable)

export const rcsOutcomeNames = [
  'delivered',
  'read',
  'slow',
  'submitted',
  'hold',
  'failed',
  'fail-NNNN',
  ...rcsFailureAliases.keys(),
  'noconsent',
  'consent-expired',
  'frequency-capped',
]
