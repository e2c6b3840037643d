/**
 * @module The WhatsApp channel's config slice (`whatsapp: { … }`): the tenant's WhatsApp assets
 * (app ids), approved templates with the parameters each declares, the customer-service window,
 * whether receipts end with Read, the default outcome, which sample's key set receipts copy, and
 * lifecycle delays. Every key has a default.
 */
import { z } from 'zod'
import { durationSchema } from '../../kernel/duration.js'
import { defaultsOf } from '../../kernel/hot-schema.js'
import { senderIdsSchema } from '../../kernel/list-limits.js'

const delaysSchema = z.strictObject({
  /** Submitted (7501) after the request. */
  submitted: durationSchema.default(0),
  /** Delivered (7500). */
  delivered: durationSchema.default(1_000),
  /** Read (7502). */
  read: durationSchema.default(5_000),
  /** A Failed receipt (window closed, template mismatch, a failing number). */
  failed: durationSchema.default(1_000),
  /** When slow numbers are delivered. */
  slow: durationSchema.default(60_000),
})

const waTemplateSchema = z.strictObject({
  /**
   * The variable names the template declares (D-WA: "Configuration of all parameters is
   * mandatory"): a request missing one fails with 7804 "Template Param Count Mismatch".
   */
  parameters: z.array(z.string().min(1)).default([]),
  /** Meta's category; a "marketing" template fails for a user who opted out (user_preference stop). */
  category: z.enum(['marketing', 'utility', 'authentication']).default('utility'),
})

export const whatsappConfigSchema = z.strictObject({
  /**
   * The tenant's WhatsApp assets by app id (e.g. "a_157967534853754560"): a request whose `appid`
   * is not one of them is refused with 7104 "Invalid app id". Empty: any app id is taken.
   */
  apps: senderIdsSchema(z.string().trim().min(1)).default([]),
  /** Approved templates by id (`message.template`). */
  templates: z.record(z.string(), waTemplateSchema).default({}),
  /**
   * A template id not in `templates`: "refuse" answers 7108 "Invalid template ID" (as SMS does);
   * "receipt" accepts it and fails it with 7849 "Template does not exist". The vendor does not say.
   */
  unknownTemplate: z.enum(['refuse', 'receipt']).default('refuse'),
  /** The customer-service window an inbound message opens per (appid, waid) (D-WAFAQ: 24 hours). */
  window: durationSchema.default(86_400_000),
  /** Whether session messages outside the window fail with 7710 (false: never). */
  enforceWindow: z.boolean().default(true),
  /** Whether delivered messages are read (Submitted → Delivered → Read). */
  read: z.boolean().default(true),
  /** Outcome for numbers no rule or test number decides. */
  defaultOutcome: z.string().default('delivered'),
  /**
   * Which sample's key set receipts copy: "current" (D-WAWH, 2026: `waid`, `bsuid`,
   * `waidNormalized`, `identityKeyHash`, `transid` ending "_0"), "without-bsuid" (D-CODES' 7200
   * example: `identityKeyHash` only, plain `transid`), "legacy" (D-WAFAQ, 2019–2020: neither).
   */
  receiptKeys: z.enum(['current', 'without-bsuid', 'legacy']).default('current'),
  /**
   * How long an `Idempotency-Key` on `POST /v1/whatsapp/messages` is remembered: a request reusing
   * one within it is refused (409), as on /v1/sms/messages (the sandbox spec: one hour).
   */
  idempotencyWindow: durationSchema.default(3_600_000),
  delays: delaysSchema.default(defaultsOf(delaysSchema)),
  /** Caps: users opted out of marketing (user_preference "stop") at most; one more is refused with 409. */
  limits: z
    .strictObject({ maxOptedOut: z.number().int().positive().default(100_000) })
    .default({ maxOptedOut: 100_000 }),
})
export type WhatsappConfig = z.infer<typeof whatsappConfigSchema>
