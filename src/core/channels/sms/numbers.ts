/**
 * @module Phone numbers (msisdn): what the platform takes, the "+E.164 tenant" rule, and the test
 * numbers — ranges reserved for fiction, so a test number can never be a real person's:
 *
 * - UK: Ofcom's drama range for mobiles, 07700 900000–900999 (+44 7700 900NNN). The last three
 *   digits NNN are a status code's last three: +44 7700 900102 fails with 7102, +44 7700 900207 is
 *   Un-Delivered with 7207. Besides codes: 501 stays Submitted (no delivery report), 502 is read,
 *   528 is clicked, 8NN are slow, 9NN are held for a manual action; any other is delivered.
 * - US/Canada: the 555-0100–0199 block reserved for fiction in every area code (+1 NPA 555 01NN).
 *   NN 00–49 act as the UK's 1NN (+1 202 555 0102 → 7102), NN 50–99 as the UK's 2(NN−50)
 *   (+1 202 555 0157 → 7207); any other is delivered.
 *
 * Sources: Ofcom, "Telephone numbers for use in TV and radio drama"; NANPA, 555-01XX fictitious
 * use. docs/decisions/010-sms.md.
 */

export { testNumberOutcome } from '../../kernel/test-numbers.js'

/** Vendor (observed): with +E.164 on, every destination starts with "+" (D-SMSV2, APUS 7041). */
export const isE164 = (number: string): boolean => /^\+[1-9]\d{6,14}$/.test(number.trim())

/** What the platform can route at all: an optional "+" and 6–15 digits; anything else is 7102. */
export const isRoutable = (number: string): boolean => /^\+?\d{6,15}$/.test(number.trim())
