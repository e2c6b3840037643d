/**
 * @module The state worth keeping across restarts — rules, each channel's slice (lists, sandbox, …)
 * and the most recent messages — as a snapshot, and back. The adapter in src/state/ owns the file.
 * Restored messages are validated against their channel's record schema.
 */

import type { ChannelRuntime } from '../emulator.js'
import type { ContactPolicy } from '../kernel/contact-policy.js'
import { EmulatorError } from '../kernel/errors.js'
import type { BaseMessage, MessageStore } from '../kernel/message-store.js'
import type { RuleConfig } from '../kernel/rules.js'
import { issueField, issueMessage, primaryIssue } from '../kernel/zod-issues.js'
import { anySnapshotSchema, type StateSnapshot } from '../schemas/state-snapshot.js'

export interface SnapshotSources {
  savedAt: number
  /** How many imports led to this emulator's state; a restart from the snapshot counts one more. */
  generation: number
  rules: readonly RuleConfig[]
  contactPolicy: ContactPolicy
  runtimes: readonly ChannelRuntime[]
  store: MessageStore
}

export function takeSnapshot(
  { savedAt, generation, rules, contactPolicy, runtimes, store }: SnapshotSources,
  { maxMessages = 1_000 }: { maxMessages?: number } = {},
): StateSnapshot {
  return {
    format: 'webex-connect-emulator-state',
    version: 2,
    savedAt,
    generation,
    rules: [...rules],
    contactPolicy: contactPolicy.snapshot(),
    channels: Object.fromEntries(runtimes.map(({ definition, state }) => [definition.name, state.snapshot()])),
    messages: store.list().slice(-maxMessages) as StateSnapshot['messages'],
  }
}

/**
 * Validates a snapshot (version 1 or 2), puts each channel's slice back over its configured state,
 * and returns the rules, messages and generation for the engine to take. Throws `invalid_config`
 * when it is not a snapshot.
 */
export function restoreSnapshot(
  input: unknown,
  runtimes: readonly ChannelRuntime[],
  contactPolicy: ContactPolicy,
): { rules: RuleConfig[]; messages: BaseMessage[]; generation: number } {
  const { format, version } = (input ?? {}) as { format?: unknown; version?: unknown }
  if (format === 'webex-connect-emulator-tenants')
    throw new EmulatorError(
      'invalid_config',
      'this state holds the tenants of an isolated emulator (isolation "service"), one snapshot per service: run with isolation "service", or load one of its tenants[].state',
    )
  if (format !== 'webex-connect-emulator-state')
    throw new EmulatorError('invalid_config', 'not a state snapshot: format: expected "webex-connect-emulator-state"')
  if (version !== 1 && version !== 2)
    throw new EmulatorError(
      'invalid_config',
      `not a state snapshot: version: ${JSON.stringify(version)} is not one this emulator reads (1 or 2)`,
    )
  const parsed = anySnapshotSchema.safeParse(input)
  if (!parsed.success) {
    const issue = primaryIssue(parsed.error.issues)
    throw new EmulatorError(
      'invalid_config',
      `not a state snapshot: ${issueField(issue) || '(root)'}: ${issueMessage(issue)}`,
    )
  }
  const snapshot = parsed.data
  if (snapshot.contactPolicy) contactPolicy.restore(snapshot.contactPolicy)
  for (const { definition, state } of runtimes) {
    const slice = (snapshot.channels as Record<string, unknown>)[definition.name]
    if (slice !== undefined) state.restore(slice)
  }
  return { rules: snapshot.rules, messages: snapshot.messages, generation: snapshot.generation }
}
