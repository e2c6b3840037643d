/**
 * @module What a state file holds (the CLI's --state-file): the lists, sandbox, rules and recent
 * messages, so they survive a restart. Versioned, so an old file is recognised rather than misread.
 */
import { z } from 'zod'
import { ruleSchema } from './config.js'

export const stateSnapshotSchema = z.object({
  format: z.literal('webex-connect-emulator-state'),
  version: z.literal(1),
  savedAt: z.number(),
  /** Bumped on every load, so a seeded restart does not reissue the ids of restored messages. */
  generation: z.number().int().min(0),
  suppression: z.array(
    z.object({ address: z.string(), reason: z.string(), addedAt: z.number(), expiresAt: z.number().nullable() }),
  ),
  unsubscribes: z.array(z.object({ sender: z.string(), address: z.string(), addedAt: z.number() })),
  sandbox: z.object({ enabled: z.boolean(), verified: z.array(z.string()) }),
  rules: z.array(ruleSchema),
  /** The most recent messages, oldest first, as GET /_emulator/messages shows them. */
  messages: z.array(
    z.looseObject({
      messageId: z.string(),
      acceptedAt: z.number(),
      recipients: z.array(z.looseObject({ address: z.string() })),
    }),
  ),
})
/** What `emulator.exportState()` returns and a state file holds. */
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>
