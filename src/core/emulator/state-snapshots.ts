/**
 * @module The state worth keeping across restarts (lists, sandbox, rules and the most recent
 * messages) as a snapshot, and back. The adapter in src/state/ reads and writes the file.
 */

import { compileRules } from '../channels/email/outcomes/rules.js'
import { EmulatorError } from '../kernel/errors.js'
import type { MessageRecord, MessageStore } from '../kernel/message-store.js'
import { type StateSnapshot, stateSnapshotSchema } from '../schemas/state-snapshot.js'
import type { TenantState } from './tenant-state.js'

export interface SnapshotMoment {
  savedAt: number
  /** How many imports led to this emulator's state; a restart from the snapshot counts one more. */
  generation: number
}

export function snapshotState(
  state: TenantState,
  store: MessageStore,
  { savedAt, generation }: SnapshotMoment,
  { maxMessages = 1_000 }: { maxMessages?: number } = {},
): StateSnapshot {
  return {
    format: 'webex-connect-emulator-state',
    version: 1,
    savedAt,
    generation,
    suppression: state.suppression.list().map((e) => ({ ...e, expiresAt: e.expiresAt ?? null })),
    unsubscribes: state.unsubscribes.list(),
    sandbox: { enabled: state.sandbox.enabled, verified: [...state.verified] },
    rules: state.rules.map((rule) => rule.source),
    messages: store.list().slice(-maxMessages) as unknown as StateSnapshot['messages'],
  }
}

/**
 * Restores a snapshot over the current state and returns its generation. Restored messages are
 * records only: their remaining lifecycle steps and webhooks are not replayed. Throws
 * `invalid_config` when it is not a snapshot.
 */
export function restoreState(state: TenantState, store: MessageStore, input: unknown): number {
  const parsed = stateSnapshotSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new EmulatorError(
      'invalid_config',
      `not a state snapshot: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
  }
  const snapshot = parsed.data
  for (const e of snapshot.suppression) state.suppression.restore({ ...e, expiresAt: e.expiresAt ?? undefined })
  for (const e of snapshot.unsubscribes) state.unsubscribes.add(e.sender, e.address, e.addedAt)
  state.sandbox.enabled = snapshot.sandbox.enabled
  for (const address of snapshot.sandbox.verified) state.verified.add(address)
  state.rules.splice(0, state.rules.length, ...compileRules(snapshot.rules))
  for (const message of snapshot.messages) store.add(message as unknown as MessageRecord)
  return snapshot.generation
}
