/**
 * @module Inputs of the control API (/_emulator) — bodies and query strings — and the matching
 * programmatic calls. Every object is strict: a misspelt key is refused with its name rather than
 * silently ignored (`{"enable": true}` would otherwise turn nothing on).
 */
import { z } from 'zod'
import { channelNames, recipientStatuses } from '../channels/registry.js'
import { durationSchema } from '../kernel/duration.js'
import {
  headersSchema,
  hubSignatureSchema,
  ruleSchema,
  signingSecretSchema,
  targetEventNames,
  webhookFormats,
  webhookTargetSchema,
} from './config.js'

export const advanceInputSchema = z.strictObject({ by: durationSchema })

export const clockModeInputSchema = z.strictObject({ mode: z.enum(['real', 'virtual']) })

export const resetInputSchema = z.strictObject({ serviceId: z.string().min(1).optional() }).default({})

/** A service-level target added at run time: the config's target. */
export const targetInputSchema = webhookTargetSchema

/**
 * A change to a target: only the keys sent change (no defaults fill the rest in); `null` clears
 * `events` (back to every receipt), `hubSecret` or `signingSecret` (unsigned).
 */
export const targetPatchSchema = z.strictObject({
  url: webhookTargetSchema.shape.url.optional(),
  format: z.enum(webhookFormats).optional(),
  channels: webhookTargetSchema.shape.channels.unwrap().nullable().optional(),
  events: z.array(z.enum(targetEventNames)).nullable().optional(),
  headers: headersSchema.optional(),
  hubSecret: z.string().min(1).nullable().optional(),
  hubSignature: hubSignatureSchema.nullable().optional(),
  signingSecret: signingSecretSchema.nullable().optional(),
})

/** An outcome rule added at run time: the config's rule. */
export const ruleInputSchema = ruleSchema

const instant = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a time: use ISO 8601 (2025-01-01T00:00:00Z) or epoch milliseconds`,
    })
    return z.NEVER
  }
  return ms
})

/** `?channel=`: one channel's records only. */
const channelFilter = z.enum(channelNames as [string, ...string[]])

/** GET /_emulator/messages. `token` is the control token's own parameter, not a filter. */
export const messageQuerySchema = z
  .strictObject({
    /** Messages of this channel only. */
    channel: channelFilter.optional(),
    /** Messages with a recipient whose address contains this (case-insensitive). */
    recipient: z.string().min(1).optional(),
    /** Messages from this sender (case-insensitive, exact). */
    sender: z.string().min(1).optional(),
    /** Messages with a recipient whose current status is this. */
    status: z.enum(recipientStatuses as [string, ...string[]]).optional(),
    /** Accepted at or after this time. */
    since: instant.optional(),
    /** Accepted at or before this time. */
    until: instant.optional(),
    /** Page size, in digits: coerced, "" was read as 0 and "0x10" as 16. */
    limit: z
      .preprocess(
        (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
        z
          .number({
            error: (issue) => (issue.code === 'invalid_type' ? 'not a whole number: give 1 to 1000' : undefined),
          })
          .int()
          .min(1)
          .max(1000),
      )
      .default(100),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).optional(),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since <= q.until, {
    message: '"since" is after "until"',
    path: ['since'],
  })

/** GET /_emulator/webhooks. */
export const deliveryQuerySchema = z.strictObject({
  /** Deliveries of this channel's receipts and inbound events only. */
  channel: channelFilter.optional(),
  state: z.enum(['pending', 'in-flight', 'delivered', 'failed']).optional(),
  messageId: z.string().min(1).optional(),
})

/** GET /_emulator/inbound. */
export const inboundQuerySchema = z.strictObject({
  /** Inbound events of this channel only. */
  channel: channelFilter.optional(),
})

/** GET /_emulator/events: the stream, optionally one channel's (events of no channel — state, resets — always). */
export const eventQuerySchema = z.strictObject({
  /** Events of this channel only, plus those of no channel (state changes, resets, refusals). */
  channel: channelFilter.optional(),
})
