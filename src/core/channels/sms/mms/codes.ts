/**
 * @module The MMS status codes past Submitted and Delivered (notes §3.6: D-MMS "Status Codes"),
 * their short names, and the MMS outcome grammar (the phone grammar of ../outcome.ts over this
 * table). Every failure is Failed, refused before the handset; 7270 (expired by the operator)
 * follows Submitted; 7208 "Message expired" is the platform's Un-Delivered, as D-MMS's "Expired"
 * sample has it.
 */
import type { PhoneFailureCode } from '../lifecycle.js'
import { type CodeTable, type PhoneOutcome, parsePhoneOutcome } from '../outcome.js'

const failed = (description: string, more: Partial<PhoneFailureCode> = {}): PhoneFailureCode => ({
  description,
  status: 'Failed',
  ...more,
})

export const mmsFailureCodes: ReadonlyMap<string, PhoneFailureCode> = new Map([
  ['7010', failed('Service provider exception')],
  ['7208', { description: 'Message expired', status: 'Un-Delivered' }],
  ['7212', failed('Invalid request')],
  ['7213', failed('User authentication failed')],
  ['7219', failed('Invalid receiver number')],
  ['7220', failed('Invalid short code')],
  ['7224', failed('Account has reached the API request limit')],
  ['7231', failed('Content not allowed')],
  ['7255', failed('Internal error')],
  ['7261', failed('Service unavailable')],
  ['7268', failed('Message rejected or not supported at vendor')],
  ['7270', failed('Message delivery expired by operator', { afterSubmitted: true })],
  ['7272', failed('Invalid VAS ID or VASP ID')],
  ['7552', failed('Address error')],
  ['7553', failed('Address not found')],
  ['7554', failed('Multimedia content refused')],
  ['7555', failed('Message format corrupt')],
  ['7556', failed('Message rejected')],
])

export const mmsFailureAliases: ReadonlyMap<string, string> = new Map([
  ['provider', '7010'],
  ['expired', '7208'],
  ['invalid-request', '7212'],
  ['invalid-receiver', '7219'],
  ['invalid-short-code', '7220'],
  ['content-not-allowed', '7231'],
  ['internal-error', '7255'],
  ['unavailable', '7261'],
  ['operator-expired', '7270'],
  ['address-error', '7552'],
  ['address-not-found', '7553'],
  ['content-refused', '7554'],
  ['corrupt', '7555'],
  ['rejected', '7556'],
])

export const mmsOutcomeTable: CodeTable & { codes: ReadonlyMap<string, PhoneFailureCode> } = {
  codes: mmsFailureCodes,
  aliases: mmsFailureAliases,
  defaults: { failed: '7556', undelivered: '7208' },
}

export const parseMmsOutcome = (name: string): PhoneOutcome | undefined => parsePhoneOutcome(name, mmsOutcomeTable)

export const mmsOutcomeNames = [
  'delivered',
  'read',
  'click',
  'slow',
  'submitted',
  'hold',
  'failed',
  'undelivered',
  'fail-NNNN',
  ...mmsFailureAliases.keys(),
  'noconsent',
  'consent-expired',
  'frequency-capped',
]
