/**
 * @module The email channel's config slice (`email: { … }`): sandbox, bounce list, unsubscribes,
 * default outcome, lifecycle delays and the SES recipient limit. Every key has a default.
 */
import { z } from 'zod'
import { durationSchema } from '../../kernel/duration.js'
import { defaultsOf } from '../../kernel/hot-schema.js'
import { configListWithin } from '../../kernel/list-limits.js'
import { contentLimitsSchema } from './content.js'
import { listedAddress, verifiedEntry } from './control-inputs.js'

const delaysSchema = z.strictObject({
  submitted: durationSchema.default(0),
  delivered: durationSchema.default(1_500),
  bounce: durationSchema.default(1_500),
  read: durationSchema.default(5_000),
  clicked: durationSchema.default(8_000),
  complaint: durationSchema.default(10_000),
  /** When `+slow` addresses are delivered. */
  slow: durationSchema.default(30_000),
  /** When an out-of-office auto-reply (`ooto@simulator…`) arrives as inbound mail. */
  autoReply: durationSchema.default(4_000),
})
/** The email lifecycle's delays, in ms. */
export type EmailDelays = z.infer<typeof delaysSchema>

/** The caps on the email lists (issue 19): one more entry is refused with 409, naming the key. */
const listLimitsSchema = z.strictObject({
  /** The bounce list; a bounce from a send past it pushes out the oldest entry instead. */
  maxSuppressed: z.number().int().positive().default(100_000),
  /** Sender/address unsubscribe pairs. */
  maxUnsubscribed: z.number().int().positive().default(100_000),
  /** Sandbox-verified addresses and domains. */
  maxVerified: z.number().int().positive().default(10_000),
})
/** The parsed `email.limits`. */
export type EmailListLimits = z.infer<typeof listLimitsSchema>

const emailSliceSchema = z.strictObject({
  /** Sandbox mode: only verified addresses and domains (and the SES simulator) get mail (7522 otherwise). */
  sandbox: z
    .strictObject({ enabled: z.boolean().default(false), verified: z.array(verifiedEntry).default([]) })
    .default({ enabled: false, verified: [] }),
  /** Vendor: bounced addresses stay on the bounce list for 7 days by default. */
  bounceRetention: durationSchema.default(7 * 86_400_000),
  /** Addresses on the bounce list from the start (no expiry). */
  suppressed: z.array(listedAddress).default([]),
  /** Sender/address pairs unsubscribed from the start. */
  unsubscribed: z.array(z.strictObject({ sender: listedAddress, address: listedAddress })).default([]),
  /** Outcome for addresses no rule or magic address decides. */
  defaultOutcome: z.string().default('delivered'),
  delays: delaysSchema.default(defaultsOf(delaysSchema)),
  /** What each message's record keeps of its bodies, for the console (see content.ts). */
  content: contentLimitsSchema.default(defaultsOf(contentLimitsSchema)),
  /**
   * Vendor (email FAQ): an SES asset takes at most 50 recipients per request (to + cc + bcc); past
   * it "the request will fail citing 'Recipient count exceeds 50'". How it fails is undocumented:
   * "reject" answers 400 7009 (default), "fail-recipients" accepts and fails every recipient with
   * a Failed receipt (docs/decisions/011).
   */
  recipientLimit: z
    .strictObject({
      max: z.number().int().positive().max(1000).default(50),
      answer: z.enum(['reject', 'fail-recipients']).default('reject'),
    })
    .default({ max: 50, answer: 'reject' }),
  /** How many entries the bounce list, the unsubscribes and the verified addresses hold at most. */
  limits: listLimitsSchema.default(defaultsOf(listLimitsSchema)),
})

export const emailConfigSchema = emailSliceSchema.superRefine(({ limits, suppressed, unsubscribed, sandbox }, ctx) => {
  const within = (path: string[], count: number, what: string, key: keyof EmailListLimits) =>
    configListWithin(ctx, path, { count, what }, limits[key], `email.limits.${key}`)
  within(['suppressed'], suppressed.length, 'addresses', 'maxSuppressed')
  within(['unsubscribed'], unsubscribed.length, 'pairs', 'maxUnsubscribed')
  within(['sandbox', 'verified'], sandbox.verified.length, 'addresses', 'maxVerified')
})

/** The parsed `email` slice. */
export type EmailConfig = z.infer<typeof emailConfigSchema>

/**
 * Keys that lived at the top of the config before channels had slices: still read, as the email
 * slice's (`sandbox` is `email.sandbox`), so existing config files keep working.
 */
export const legacyEmailKeys = [
  'sandbox',
  'bounceRetention',
  'suppressed',
  'unsubscribed',
  'defaultOutcome',
  'delays',
  'recipientLimit',
] as const
