/**
 * @module What a state file holds (the CLI's --state-file): the rules, each channel's slice (its
 * lists, switches, …) and recent messages, so they survive a restart. Versioned: a version-1 file
 * (one channel's, before channels had slices) is read and upgraded.
 */
import { z } from 'zod'
import { channelSnapshotSchema, messageRecordSchema, version1State } from '../channels/registry.js'
import { contactPolicySnapshotSchema } from '../kernel/contact-policy.js'
import { ruleSchema } from '../kernel/rules.js'
import { epochMsSchema } from '../kernel/time-bounds.js'

const stateSnapshotSchema = z.object({
  format: z.literal('webex-connect-emulator-state'),
  version: z.literal(2),
  /** The emulator's time when saved: a restart resumes from it, so it must be one the emulator can show. */
  savedAt: epochMsSchema,
  /** Bumped on every load, so a seeded restart does not reissue the ids of restored messages. */
  generation: z.number().int().min(0),
  rules: z.array(ruleSchema),
  /** Consent groups and their members (absent in files from before contact policy). */
  contactPolicy: contactPolicySnapshotSchema.optional(),
  channels: channelSnapshotSchema,
  /** The most recent messages, oldest first, as GET /_emulator/messages shows them. */
  // Every page that shows a message reads its first recipient: a message has one at least.
  messages: z.array(
    messageRecordSchema.refine((message) => message.recipients.length > 0, {
      message: 'a message has one recipient at least',
      path: ['recipients'],
    }),
  ),
})
/** What `emulator.exportState()` returns and a state file holds. */
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>

/**
 * A version-1 file: one channel's state (see `version1StateKeys`) at the top, and messages without
 * `channel`, all of them that channel's.
 */
function upgradeVersion1(input: Record<string, unknown>, owner: NonNullable<typeof version1State>) {
  const { messages, version: _, ...rest } = input
  const slice: Record<string, unknown> = {}
  for (const key of owner.keys) {
    slice[key] = rest[key]
    delete rest[key]
  }
  return {
    ...rest,
    version: 2,
    channels: { [owner.channel]: slice },
    messages: Array.isArray(messages)
      ? messages.map((m) => (m && typeof m === 'object' && !('channel' in m) ? { channel: owner.channel, ...m } : m))
      : messages,
  }
}

/** Reads a snapshot of any version this emulator knows, as the current version. */
export const anySnapshotSchema = z.preprocess(
  (input) =>
    version1State && input && typeof input === 'object' && (input as { version?: unknown }).version === 1
      ? upgradeVersion1(input as Record<string, unknown>, version1State)
      : input,
  stateSnapshotSchema,
)

/**
 * What an isolated emulator's state file holds (`isolation: "service"`): every tenant's own
 * snapshot, whole (each one a single emulator could load), least recently used first. A format of
 * its own, so an emulator without isolation — or one from before it — refuses the file by name
 * rather than reading an empty state out of it.
 */
export const tenantsSnapshotSchema = z.object({
  format: z.literal('webex-connect-emulator-tenants'),
  version: z.literal(1),
  tenants: z.array(z.object({ name: z.string().min(1), state: z.unknown() })),
})
/** What an isolated emulator's `exportState()` returns and its state file holds. */
export type TenantsSnapshot = z.infer<typeof tenantsSnapshotSchema>
