/**
 * @module The Send SMS API v1 (`POST /v1/sms/messages`, `GET /v1/sms/messages/{id}`), the vendor's
 * SMS-only API (notes §1.2, §2.2: D-SMSV1, D-GETSMSV1, the sandbox OpenAPI D-SBX-SMS): one `to`
 * per request, `content` + `contentType`, `callbackUrl` for status callbacks, an optional
 * `Idempotency-Key`. Its errors read "Invalid parameter -  : contentType" (the vendor's text, two
 * spaces and a colon). Read into the same `SmsSend` as v2 and planned by the same code.
 */
import { z } from 'zod'
import {
  callbackDataSchema,
  dateTimeSchema,
  httpUrl,
  looseBoolean,
  nonBlankString,
  optional,
  substitutionsSchema,
} from '../../apis/v2-schemas.js'
import { EmulatorError } from '../../kernel/errors.js'
import { formatPath, valueAt } from '../../kernel/zod-issues.js'
import { v1Statuses } from './payloads.js'
import type { SmsSend } from './plan.js'
import type { SmsMessage } from './record.js'
import { isHexOctets } from './segments.js'

/**
 * `contentType` in any case: the docs write "text" and "unicode", Cisco's SDKs send "TEXT",
 * "UNICODE", "TEMPLATE" (`content` is then a template id), "FLASH" and "BINARY" (hex), the sandbox
 * spec's enum.
 */
const contentType = z.preprocess(
  (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  z.enum(['text', 'unicode', 'template', 'flash', 'binary'], {
    message: 'expected "text", "unicode", "template", "flash" or "binary"',
  }),
)

/** The body as documented (for the OpenAPI document). */
export const smsV1BodySchema = z.object({
  from: z.string().trim().min(1),
  to: z.string().trim().min(1),
  /**
   * Mandatory (D-SMSV1); empty or only white space is no message — Cisco's Node SDK refuses an empty
   * one ("Must provide a 'content' value"), and /v2/messages a blank text (decision 016).
   */
  content: nonBlankString('the SMS content'),
  /** The docs' table says optional, its example "Mandatory" (notes §7.7): text when absent. */
  contentType: optional(contentType),
  substitutions: substitutionsSchema.optional(),
  dltTemplateId: optional(z.string()),
  shortenUrls: optional(looseBoolean),
  shortUrlDomain: optional(z.string()),
  trackShortUrlClicks: optional(looseBoolean),
  expireAt: optional(dateTimeSchema),
  correlationId: optional(z.string().max(100, 'at most 100 characters')),
  callbackData: callbackDataSchema,
  callbackUrl: optional(httpUrl),
  callbackUrlAuthId: optional(z.string()),
})

/**
 * The body of POST /v1/sms/messages, keeping `contentType` as spelt.
 * @example
 * smsV1RequestSchema.safeParse({ from: '12233445566', to: '+447700900123', content: 'Hi', contentType: 'text' }).success // true
 */
export const smsV1RequestSchema = z.preprocess(
  // The status answer spells contentType as the request did ("text" in the docs, "TEXT" from Cisco's SDKs).
  (body) =>
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? { ...body, rawContentType: (body as { contentType?: unknown }).contentType }
      : body,
  smsV1BodySchema.extend({ rawContentType: z.unknown().optional() }),
)
export type SmsV1Request = z.infer<typeof smsV1RequestSchema>

/** The 202 answer. */
export const smsV1ResponseSchema = z.object({
  acceptedTime: z.string(),
  messageId: z.string(),
  correlationId: z.string(),
})

/** GET /v1/sms/messages/{id}'s 200. */
export const smsV1StatusSchema = z.object({
  acceptedTime: z.string(),
  statusTime: z.string(),
  messageId: z.string(),
  correlationId: z.string(),
  from: z.string(),
  to: z.string(),
  contentType: z.string(),
  content: z.string(),
  status: z.enum(['QUEUED', 'SENT', 'DELIVERED', 'FAILED']),
  /** Why it failed (FAILED only), as the Java SDK's status model has it. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

export function smsSendFromV1(request: SmsV1Request): SmsSend {
  if (request.contentType === 'binary' && !isHexOctets(request.content))
    throw new EmulatorError(
      'invalid_parameter',
      'Invalid parameter -  : content',
      'content',
      'contentType BINARY takes its content as hex octets: pairs of 0-9 and A-F',
    )
  return {
    api: 'sms-v1',
    from: request.from,
    destinations: [{ number: request.to, correlationId: request.correlationId ?? '', field: 'to' }],
    substitutions: request.substitutions,
    ...(request.contentType === 'template'
      ? { templateId: request.content }
      : { content: { type: request.contentType ?? 'text', text: request.content } }),
    trackLinks: request.shortenUrls === true && request.trackShortUrlClicks === true,
    expireAt: request.expireAt,
    correlationId: request.correlationId ?? '',
    callbackData: request.callbackData ?? '',
    notifyUrl: request.callbackUrl,
    notifyUrlAuthId: request.callbackUrlAuthId,
    typeField: 'contentType',
    ...(typeof request.rawContentType === 'string' ? { contentTypeAsSent: request.rawContentType } : {}),
  }
}

/** GET /v1/sms/messages/{id}: the message's first number, its latest status in this API's words. */
export function smsV1Status(message: SmsMessage): z.infer<typeof smsV1StatusSchema> {
  const recipient = message.recipients[0]!
  const latest = recipient.receipts.findLast((r) => v1Statuses[r.status] !== undefined)
  return {
    acceptedTime: message.requestTimestamp,
    statusTime: latest?.timeStamp ?? message.requestTimestamp,
    messageId: message.messageId,
    correlationId: message.correlationId,
    from: message.from,
    to: recipient.address,
    contentType: message.contentTypeAsSent ?? (message.templateId !== undefined ? 'template' : message.contentType),
    content: message.templateId ?? message.text,
    status: latest ? v1Statuses[latest.status]! : 'QUEUED',
    ...(latest && v1Statuses[latest.status] === 'FAILED'
      ? { error: { code: latest.code, message: latest.description } }
      : {}),
  }
}
