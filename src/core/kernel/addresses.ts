/**
 * @module The one address normaliser: how a destination or sender is compared and kept — trimmed
 * and lower-cased — wherever it arrives from (a request, a rule, a list, the control API).
 */

/** `"  Ann@X.test "` → `"ann@x.test"`. */
export const normaliseAddress = (address: string): string => address.trim().toLowerCase()
