/**
 * @module The one address normaliser: how a destination or sender is compared and kept — trimmed
 * and lower-cased — wherever it arrives from (a request, a rule, a list, the control API).
 */

/** `"  Ann@X.test "` → `"ann@x.test"`. */
export const normaliseAddress = (address: string): string => address.trim().toLowerCase()

/** A phone number as people write it: an optional "+", digits, spaces and `-().` between them. */
const phoneLike = /^\+?[\d\s().-]+$/

/** Whether `address` is written as a phone number ("+44 7700 900123", "447700900123"). */
export const isPhoneNumber = (address: string): boolean => phoneLike.test(address.trim())

/**
 * The key two addresses are compared by: a phone number's digits (so "+44 7700 900123",
 * "447700900123" and "+447700900123" are one number), any other address normalised.
 * @example addressKey('+44 7700 900123') // '447700900123'
 * @example addressKey(' Ann@X.test ')    // 'ann@x.test'
 */
export const addressKey = (address: string): string =>
  isPhoneNumber(address) ? address.replace(/\D/g, '') : normaliseAddress(address)

/** Whether two addresses are the same recipient (case-insensitively; phone numbers by their digits). */
export const sameAddress = (a: string, b: string): boolean => addressKey(a) === addressKey(b)
