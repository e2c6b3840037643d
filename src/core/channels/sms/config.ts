/**
 * @module The SMS channel's config slice (`sms: { … }`): the "+E.164 tenant" switch, sender ids,
 * templates, the default outcome, the carrier its receipts name, lifecycle delays and the Send SMS
 * API v1's own choices. Every key has a default.
 */
import { z } from 'zod'
import { groupIdSchema } from '../../kernel/contact-policy.js'
import { durationSchema } from '../../kernel/duration.js'
import { defaultsOf } from '../../kernel/hot-schema.js'
import { senderIdsSchema } from '../../kernel/list-limits.js'
import { onceEach } from '../../kernel/once-each.js'

const delaysSchema = z.strictObject({
  /** Submitted (7501) after the message starts. */
  submitted: durationSchema.default(0),
  /** The operator's delivery report: Delivered (7500) or Un-Delivered. */
  delivered: durationSchema.default(2_000),
  /** Failed before the operator (7101 invalid sender, 7102 invalid address, …). */
  failed: durationSchema.default(500),
  /** Clicked (7528) after the message starts, with shortenLinks and trackClicks. */
  clicked: durationSchema.default(8_000),
  /** When slow numbers are delivered. */
  slow: durationSchema.default(60_000),
})
/** The SMS lifecycle's delays, in ms. */
export type SmsDelays = z.infer<typeof delaysSchema>

const templateSchema = z.strictObject({
  /** The template's text, with `$(name)` placeholders filled from substitutions. */
  text: z.string(),
  type: z.enum(['text', 'unicode']).default('text'),
})

export const smsConfigSchema = z.strictObject({
  /**
   * The tenant's "+E.164 format" option: every destination must start with "+", else 400
   * `{"code":"7041","message":"Number not in +E164 format"}` (recorded from the real API). Off by
   * default, as the docs describe it as something a tenant enables.
   */
  e164: z.boolean().default(false),
  /**
   * Sender ids (long codes, short codes, alphanumeric ids) the tenant has; a `from` not on the list
   * fails every recipient with 7101 "Invalid Sender ID". Empty: any sender is accepted.
   */
  senders: senderIdsSchema(z.string().min(1)).default([]),
  /** Templates by id, for requests with `template: { id }`; an unknown id is 400 7108. */
  templates: z.record(z.string(), templateSchema).default({}),
  /**
   * A `type: "text"` message with characters outside GSM-7: "unicode" sends (and counts) it as
   * UCS-2, as handsets show it; "reject" answers 400 7004 "Invalid parameter - content.type".
   * The vendor does not say which it does (notes §7).
   */
  nonGsmText: z.enum(['unicode', 'reject']).default('unicode'),
  /** Outcome for numbers no rule or test number decides. */
  defaultOutcome: z.string().default('delivered'),
  /** The carrier id receipts name in `carrier` (the vendor's sample: "USTMO"). */
  carrier: z.string().default('USTMO'),
  delays: delaysSchema.default(defaultsOf(delaysSchema)),
  /**
   * What a flow of yours would do with keywords: an incoming SMS whose text is `keyword` (any case)
   * records the sender's consent (`consent`, default false: opted out) in contact-policy `group`;
   * a keyword listed for several groups records it in each.
   * The platform itself does nothing with STOP or START (notes §5); empty by default.
   */
  keywords: z
    .array(
      z.strictObject({
        keyword: z.string().trim().min(1),
        group: groupIdSchema,
        consent: z.boolean().default(false),
      }),
    )
    .max(100)
    // The same keyword twice for one group (in any case) said two things, and the last one won:
    // STOP with consent false and "stop" with consent true opted the sender in.
    .superRefine(
      onceEach(
        ({ keyword, group }) => `${keyword.toLowerCase()}\n${group}`,
        'keyword',
        ({ keyword, group }, earlier) =>
          `"${keyword}" for group "${group}" is already listed at sms.keywords[${earlier}] (keywords match in any case): list it once`,
      ),
    )
    .default([]),
  /** SMS on the Messaging API v1 (`POST /resources/v1/messaging`, `deliverychannel: "sms"`). */
  messagingV1: z
    .strictObject({
      /**
       * A request without `channels.sms.senderid` (documented as mandatory; the request most public
       * clients copy has none): "default" sends from `defaultSender`, "refuse" answers 7003
       * "param 'senderid' missing for channel sms". docs/decisions/012-messaging-api-v1.md.
       */
      missingSender: z.enum(['default', 'refuse']).default('default'),
      /** The sender used then; when absent, the first of `senders`, else "CONNCT" (a Cisco demo's sender). */
      defaultSender: z.string().trim().min(1).optional(),
    })
    .default({ missingSender: 'default' }),
  /** The Send SMS API v1 (`/v1/sms/messages`). */
  v1: z
    .strictObject({
      /**
       * What its `callbackUrl` gets: "status" — `{messageId, statusTime, status, callbackData,
       * correlationId, error}`, as the API's OpenAPI and Cisco's SDKs define it — or "receipt", the
       * `deliveryInfoNotification` the API page links to. The vendor contradicts itself (notes §7.5).
       */
      callbackFormat: z.enum(['status', 'receipt']).default('status'),
      /** How long an Idempotency-Key is remembered (the sandbox spec: one hour). */
      idempotencyWindow: durationSchema.default(3_600_000),
    })
    .default({ callbackFormat: 'status', idempotencyWindow: 3_600_000 }),
})

/** The parsed `sms` slice. */
export type SmsConfig = z.infer<typeof smsConfigSchema>
