/**
 * @module The RCS channel's config slice (`rcs: { … }`): the tenant's RCS app ids, templates, the
 * default outcome (capability included: "not-capable" makes every number SMS-only), what its
 * receipts name as carrier and provider, when an SMS fallback is sent, and the lifecycle's delays.
 */
import { z } from 'zod'
import { durationSchema } from '../../../kernel/duration.js'
import { defaultsOf } from '../../../kernel/hot-schema.js'
import { senderIdsSchema } from '../../../kernel/list-limits.js'
import { maxRcsText } from './schemas/send-request.js'

const delaysSchema = z.strictObject({
  submitted: durationSchema.default(0),
  delivered: durationSchema.default(2_000),
  /** Read (7502) after the message starts, for numbers whose outcome is "read". */
  read: durationSchema.default(5_000),
  failed: durationSchema.default(500),
  /** RCS sends no Clicked receipt; kept so the phone lifecycle's delays are whole. */
  clicked: durationSchema.default(8_000),
  slow: durationSchema.default(60_000),
})

export const rcsConfigSchema = z.strictObject({
  /**
   * The tenant's RCS app ids (`from` is "the rcsAppId of the respective RCS asset"); a `from` not
   * on the list answers 400 `{"code":"7104","message":"Invalid app ID"}`. Empty: any is accepted.
   */
  apps: senderIdsSchema(z.string().trim().min(1)).default([]),
  /** Templates by id, for requests with `template: { id }` (text messages); an unknown id is 400 7108. */
  templates: z.record(z.string(), z.strictObject({ text: z.string().min(1).max(maxRcsText) })).default({}),
  /** Outcome for numbers no rule or test number decides; "not-capable" (7010) makes them SMS-only. */
  defaultOutcome: z.string().default('delivered'),
  /** The carrier id receipts and inbound events name (the vendor's samples: "8"). */
  carrier: z.string().default('8'),
  /** The RCS provider receipts and inbound events name (the vendor's samples: "GOOGLE"). */
  serviceProvider: z.string().default('GOOGLE'),
  /**
   * When a request with `options.smsFallback` sends its SMS: on any Failed receipt ("failure": the
   * FAQ's "RCS rejection or async failure"), or only when the number cannot take RCS
   * ("capability": 7010, 7322, 7323, 7329). docs/decisions/013-mms-rcs.md.
   */
  fallbackOn: z.enum(['failure', 'capability']).default('failure'),
  delays: delaysSchema.default(defaultsOf(delaysSchema)),
})

export type RcsConfig = z.infer<typeof rcsConfigSchema>
