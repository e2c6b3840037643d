/**
 * @module Which manual actions a recipient takes now, and why not when it takes none. Only a
 * recipient with the "hold" outcome waits for a decision; the control API's message record says so
 * only in words (`fate` "held for a manual action"), so that is what is read here — a `held` flag on
 * the record would be cleaner. The rest mirrors what the API refuses (manual-actions.ts): nothing
 * after a final receipt, no deliver or bounce after a delivery.
 */
import type { Recipient } from './api-types.js'

export const manualActions = ['deliver', 'bounce', 'complain', 'read', 'click'] as const
export type ManualActionName = (typeof manualActions)[number]

/** The words the emulator uses for a held recipient's fate (accept-send.ts, describeOutcome). */
const heldFate = 'held for a manual action'
/** Statuses after which nothing more can happen to a recipient. */
const finalStatuses: ReadonlySet<string> = new Set(['Bounce', 'Failed', 'Not Verified'])

/** Why each action is unavailable now (absent: it is available). */
export type Unavailable = Partial<Record<ManualActionName, string>>

/**
 * @example unavailableActions({ address: 'ann@x.test', fate: 'delivered', receipts: [] }).deliver
 * // 'Only recipients held for a manual action take actions …'
 */
export function unavailableActions(
  recipient: Pick<Recipient, 'address' | 'fate'> & { receipts: readonly { status: string }[] },
): Unavailable {
  const all = (reason: string) => Object.fromEntries(manualActions.map((action) => [action, reason])) as Unavailable
  if (!recipient.fate.includes(heldFate))
    return all(
      `Only recipients held for a manual action take actions (send to a +hold address such as ann+hold@example.com, or add a rule with outcome "hold"); ${recipient.address}'s fate is "${recipient.fate}".`,
    )
  const final = recipient.receipts.find((r) => finalStatuses.has(r.status))
  if (final) return all(`${recipient.address} already ended with ${final.status}: nothing more can happen to it.`)
  if (recipient.receipts.some((r) => r.status === 'Delivered')) {
    const reason = `${recipient.address} was already delivered; it can still be read, clicked or complained about.`
    return { deliver: reason, bounce: reason }
  }
  return {}
}
