/**
 * @module The SMS outcome grammar: the phone grammar (outcome.ts) over the SMS code table, and the
 * test numbers read with it.
 */
import { failureAliases, smsFailureCodes } from './codes.js'
import { type CodeTable, type PhoneOutcome, parsePhoneOutcome } from './outcome.js'

export const smsOutcomeTable: CodeTable = {
  codes: smsFailureCodes,
  aliases: failureAliases,
  defaults: { failed: '7006', undelivered: '7201' },
}

/** Parses an SMS outcome name (rules, `sms.defaultOutcome`); undefined when it means nothing. */
export const parseSmsOutcome = (name: string): PhoneOutcome | undefined => parsePhoneOutcome(name, smsOutcomeTable)

/** Outcome names of the SMS grammar, for docs and the console. */
export const smsOutcomeNames = [
  'delivered',
  'slow',
  'click',
  'submitted',
  'hold',
  'failed',
  'undelivered',
  'fail-NNNN',
  ...failureAliases.keys(),
  'noconsent',
  'consent-expired',
  'frequency-capped',
]
