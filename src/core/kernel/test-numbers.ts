/**
 * @module The test phone numbers the phone channels read (each channel's own rules for numbers
 * live with it) — ranges reserved for fiction, so a test number can never be a real person's:
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

/** The digits of a number, without "+", spaces or punctuation. */
const digitsOf = (number: string): string => number.replace(/\D/g, '')

/** The three-digit selector of a test number, or undefined for any other number. */
function testSelector(number: string): string | undefined {
  const trimmed = number.trim()
  if (!/^\+?\d+$/.test(trimmed)) return undefined
  const digits = digitsOf(trimmed)
  const uk = /^(?:44|0)7700900(\d{3})$/.exec(digits)?.[1]
  if (uk) return uk
  const us = /^1\d{3}55501(\d{2})$/.exec(digits)?.[1]
  if (us === undefined) return undefined
  const n = Number(us)
  return n < 50 ? `1${us}` : `2${String(n - 50).padStart(2, '0')}`
}

/**
 * The outcome name a test number stands for, in the phone grammar (outcome.ts); undefined for any
 * other number. `hasCode` says whether "7NNN" is one of the channel's failure codes.
 * @example
 * testNumberOutcome('+447700900207', (c) => c === '7207') // 'fail-7207'
 * testNumberOutcome('+447700900528', () => false)         // 'click'
 */
export function testNumberOutcome(number: string, hasCode: (code: string) => boolean): string | undefined {
  const selector = testSelector(number)
  if (selector === undefined) return undefined
  if (hasCode(`7${selector}`)) return `fail-7${selector}`
  if (selector === '501') return 'submitted'
  if (selector === '502') return 'read'
  if (selector === '528') return 'click'
  if (selector.startsWith('8')) return 'slow'
  if (selector.startsWith('9')) return 'hold'
  return 'delivered'
}
