/**
 * @module The Send Message API v2 request for the SMS channel (`channel: "sms"`), as the vendor's
 * "Send SMS Message API v2" documents it (notes §1.1, §2.1). Unknown fields are ignored, as the
 * vendor does; empty optional strings mean "not given", as its own examples send them.
 */
import { z } from 'zod'
import {
  callbackDataSchema,
  dateTimeSchema,
  httpUrl,
  looseBoolean,
  nonBlankString,
  optional,
  refuseExpireAtWithValidity,
  substitutionsSchema,
  validitySecondsSchema,
} from '../../../apis/v2-schemas.js'
import { contactPolicyRequestSchema } from '../../../kernel/contact-policy.js'
import { smsReceiptNames } from '../receipts.js'

const toEntry = z.object({
  msisdn: z.array(z.string().trim().min(1, 'an empty number')).min(1, 'needs at least one number'),
  substitutions: substitutionsSchema.optional(),
  correlationId: optional(z.string()),
})

/** `requestedReceipts` in any case: the SMS docs write them UPPERCASE, RCS Title case, email lower. */
export const requestedReceiptsSchema = <const Names extends readonly [string, ...string[]]>(names: Names) =>
  z.array(
    z.preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.enum(names, { message: `expected one of ${names.map((n) => `"${n.toUpperCase()}"`).join(', ')}` }),
    ),
  )

/** `content.type` in any case ("text", "unicode"), spaces around it aside, as RCS's, MMS's and email's are read. */
const contentType = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.enum(['text', 'unicode'], { message: 'expected "text" or "unicode"' }),
)

/** Link options shared by SMS, RCS and the Messaging API v1. */
export const linkOptionsSchema = z.object({
  trackClicks: optional(looseBoolean),
  shortenLinks: optional(looseBoolean),
  domain: optional(z.string()),
  tag1: optional(z.string()),
  tag2: optional(z.string()),
  allowFallbackURL: optional(looseBoolean),
})

/** `validity`: seconds, as a string or a number; the carrier keeps a message at most 72 hours. */
const validitySchema = optional(
  validitySecondsSchema.pipe(z.number().max(259_200, 'at most 72 hours (259200 seconds)')),
)

/**
 * The body of POST /v2/messages for SMS, with the vendor's rules.
 * @example
 * import { smsSendRequestSchema } from 'webex-connect-emulator/payloads'
 *
 * smsSendRequestSchema.safeParse({ channel: 'sms', from: '88979', to: [{ msisdn: ['+447700900123'] }], content: { type: 'text', text: 'Hi' } }).success // true
 */
export const smsSendRequestSchema = z
  .object({
    channel: z.literal('sms'),
    from: z.string().trim().min(1, 'the sender id, long code or short code'),
    to: z.array(toEntry).min(1, 'needs at least one destination'),
    substitutions: substitutionsSchema.optional(),
    // Vendor: `text` is "Mandatory"; "" or only spaces is a message with nothing in it.
    content: z.object({ type: contentType, text: nonBlankString('the message text') }).optional(),
    template: z.object({ id: z.union([z.string().min(1), z.number()]) }).optional(),
    options: linkOptionsSchema.optional(),
    requestedReceipts: requestedReceiptsSchema(smsReceiptNames).optional(),
    sendAt: optional(dateTimeSchema),
    expireAt: optional(dateTimeSchema),
    validity: validitySchema,
    batchId: optional(z.string()),
    smartlinks: z
      .array(z.object({ smartlinkId: z.union([z.number(), z.string()]), validity: z.number().optional() }))
      .optional(),
    callbackData: callbackDataSchema,
    notifyUrl: optional(httpUrl),
    notifyUrlAuthId: optional(z.string()),
    contactPolicy: contactPolicyRequestSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.content && !value.template)
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'send either "content" or "template"' })
    // Vendor: "Only one of 'expireAt' or 'validity' should be sent … not accepted if both".
    refuseExpireAtWithValidity(value, ctx)
  })

/** A parsed SMS send request. */
export type SmsSendRequest = z.infer<typeof smsSendRequestSchema>
