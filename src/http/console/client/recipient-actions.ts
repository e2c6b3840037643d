/**
 * @module Which manual actions a destination takes now, and why not when it takes none, in its
 * channel's words (the vocabulary: its actions, final statuses, actions refused once delivered).
 * Only a destination with the "hold" outcome waits for a decision; the control API's message
 * record says so only in words (`fate` "held for a manual action"), so that is what is read here —
 * a `held` flag on the record would be cleaner. The rest mirrors what the API refuses (each
 * channel's manual-actions.ts): nothing after a final receipt, some actions not after a delivery.
 */
import type { ConsoleChannel } from './vocabulary.js'

/** The words every channel uses for a held destination's fate (describeOutcome in email and SMS). */
const heldFate = 'held for a manual action'

/** Why each action is unavailable now, by action name (absent: it is available). */
export type Unavailable = Partial<Record<string, string>>

/**
 * @example unavailableActions(emailWords, { address: 'ann@x.test', fate: 'delivered', receipts: [] }).deliver
 * // 'Only recipients held for a manual action take actions …'
 */
export function unavailableActions(
  channel: Pick<ConsoleChannel, 'actions' | 'finalStatuses' | 'notAfterDelivery' | 'destination'>,
  recipient: { address: string; fate: string; receipts: readonly { status: string }[] },
): Unavailable {
  const all = (reason: string): Unavailable => Object.fromEntries(channel.actions.map(({ name }) => [name, reason]))
  if (!recipient.fate.includes(heldFate))
    return all(
      `Only recipients held for a manual action take actions (send to a +hold address such as ann+hold@example.com or a number from +44 7700 900900–900999, or add a rule with outcome "hold"); ${recipient.address}'s fate is "${recipient.fate}".`,
    )
  const final = recipient.receipts.find((r) => channel.finalStatuses.includes(r.status))
  if (final) return all(`${recipient.address} already ended with ${final.status}: nothing more can happen to it.`)
  if (recipient.receipts.some((r) => r.status === 'Delivered')) {
    const left = channel.actions.map((a) => a.name).filter((name) => !channel.notAfterDelivery.includes(name))
    const reason = `${recipient.address} was already delivered${left.length ? `; it can still take ${left.join(', ')}` : ''}.`
    return Object.fromEntries(channel.notAfterDelivery.map((name) => [name, reason]))
  }
  return {}
}
