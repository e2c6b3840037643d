/**
 * @module Inputs of the control API (/_emulator) — bodies and query strings — and the matching
 * programmatic calls. Every object is strict: a misspelt key is refused with its name rather than
 * silently ignored (`{"enable": true}` would otherwise turn nothing on).
 */
import { z } from 'zod'
import { deliveryStatuses } from '../channels/email/receipt-kinds.js'
import { durationSchema, parseDuration } from '../kernel/duration.js'
import {
  hubSignatureSchema,
  ruleSchema,
  signingSecretSchema,
  targetEventNames,
  webhookFormats,
  webhookTargetSchema,
} from './config.js'

export const inboundEmailInputSchema = z.strictObject({
  /** The customer writing in. */
  from: z.string().min(1),
  /** Your app's address(es) the mail was sent to. */
  to: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .transform((to) => (Array.isArray(to) ? to : [to])),
  subject: z.string().default(''),
  text: z.string().default(''),
  html: z.string().default(''),
  /** Reply-to address ("returnPath"); the sender when absent. */
  replyTo: z.string().optional(),
  attachments: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        contentType: z.string().default('application/octet-stream'),
        /** Base64 content, sent in the outbound-webhook format. */
        content: z.string().default(''),
        /** Where the data-stream format says the file is; a placeholder URL when absent. */
        url: z.string().optional(),
      }),
    )
    .default([]),
})
export type InboundEmailInput = z.input<typeof inboundEmailInputSchema>

export const subscriptionInputSchema = z.strictObject({
  /** The customer who (un)subscribes. */
  from: z.string().min(1),
  /** The sender address they (un)subscribe from. */
  senderId: z.string().min(1),
  correlationId: z.string().default(''),
})
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>

/** A duration in ms, or "never" (null): how long an address stays on the bounce list. */
const retentionSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (value === 'never') return null
  const ms = parseDuration(value)
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a duration: use milliseconds, a string like "1h" or "7d", or "never"`,
    })
    return z.NEVER
  }
  return ms
})

export const suppressInputSchema = z.strictObject({
  address: z.string().min(1),
  /** How long it stays listed; the configured bounce retention when absent, "never" for no expiry. */
  for: retentionSchema.optional(),
  reason: z.string().default('added by hand'),
})

export const unsubscribeInputSchema = z.strictObject({ sender: z.string().min(1), address: z.string().min(1) })

/** `verified` adds addresses or domains; DELETE /_emulator/sandbox/verified/:address removes one. */
export const sandboxInputSchema = z.strictObject({
  enabled: z.boolean().optional(),
  verified: z.array(z.string().min(1)).optional(),
})

export const advanceInputSchema = z.strictObject({ by: durationSchema })

export const clockModeInputSchema = z.strictObject({ mode: z.enum(['real', 'virtual']) })

export const resetInputSchema = z.strictObject({ serviceId: z.string().min(1).optional() }).default({})

/** A service-level target added at run time: the config's target, strictly. */
export const targetInputSchema = z.strictObject(webhookTargetSchema.shape)

/**
 * A change to a target: only the keys sent change (no defaults fill the rest in); `null` clears
 * `events` (back to every receipt), `hubSecret` or `signingSecret` (unsigned).
 */
export const targetPatchSchema = z.strictObject({
  url: webhookTargetSchema.shape.url.optional(),
  format: z.enum(webhookFormats).optional(),
  events: z.array(z.enum(targetEventNames)).nullable().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  hubSecret: z.string().min(1).nullable().optional(),
  hubSignature: hubSignatureSchema.nullable().optional(),
  signingSecret: signingSecretSchema.nullable().optional(),
})

/** An outcome rule added at run time: the config's rule, strictly. */
export const ruleInputSchema = z
  .strictObject(ruleSchema.shape)
  .refine((r) => [r.address, r.domain, r.glob, r.regex].filter((m) => m !== undefined).length === 1, {
    message: 'a rule matches on exactly one of "address", "domain", "glob" or "regex"',
  })

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

/** GET /_emulator/messages. `token` is the control token's own parameter, not a filter. */
export const messageQuerySchema = z
  .strictObject({
    /** Messages with a recipient whose address contains this (case-insensitive). */
    recipient: z.string().min(1).optional(),
    /** Messages from this sender (case-insensitive, exact). */
    sender: z.string().min(1).optional(),
    /** Messages with a recipient whose current status is this. */
    status: z.enum([...deliveryStatuses, 'Queued']).optional(),
    /** Accepted at or after this time. */
    since: instant.optional(),
    /** Accepted at or before this time. */
    until: instant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).optional(),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since <= q.until, {
    message: '"since" is after "until"',
    path: ['since'],
  })

/** GET /_emulator/webhooks. */
export const deliveryQuerySchema = z.strictObject({
  state: z.enum(['pending', 'in-flight', 'delivered', 'failed']).optional(),
  messageId: z.string().min(1).optional(),
})
