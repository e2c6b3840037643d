/**
 * @module The request-time address checks Webex Connect makes before handing mail to SES:
 * 7523 "Invalid email address" and 7524 "Email address max length reached".
 */

/** RFC 5321 limits the vendor enforces: local part 64, domain 255, whole address 320. */
const addressLimits = { local: 64, domain: 255, total: 320 } as const

const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const domainLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

export type AddressProblem = 'invalidAddress' | 'maxLength'

export function checkAddress(address: string): AddressProblem | undefined {
  const at = address.lastIndexOf('@')
  if (at <= 0 || at === address.length - 1) return 'invalidAddress'
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  const labels = domain.split('.')
  // "destination@invalid" (seed 000) is refused: a deliverable domain has at least two labels.
  if (!localPart.test(local) || labels.length < 2 || !labels.every((l) => domainLabel.test(l))) return 'invalidAddress'
  if (
    local.length > addressLimits.local ||
    domain.length > addressLimits.domain ||
    address.length > addressLimits.total
  )
    return 'maxLength'
  return undefined
}
