/**
 * @module The sandbox WhatsApp API Cisco's SDKs call (`POST /v1/whatsapp/messages`,
 * `GET /v1/whatsapp/messages/{id}`; notes §2.11, issue16 research §1–§2: connect-sdk-node
 * `whatsappClient.ts` and its message classes, connect-sdk-java `WhatsAppMsgStatus`): `from` (the
 * app id), `to`, an upper-case `contentType` with its fields flat beside it, 202
 * `{acceptedTime, messageId, correlationId}`, status callbacks `{messageId, statusTime, status,
 * callbackData, correlationId, error}` to `callbackUrl`. No vendor OpenAPI for it survives (the docs
 * now route sandbox WhatsApp through the Messaging API v1): shapes are the SDKs'. Read into the
 * Messaging API v1 request and planned by the same code.
 */
import { z } from 'zod'
import { EmulatorError } from '../../kernel/errors.js'
import { ownKeysRecord } from '../../kernel/own-keys-record.js'
import type { ReceiptContext } from '../channel.js'
import type { WaMessagingV1Request } from './api-v1.js'
import type { WaMessage } from './record.js'
import { coordinate } from './session.js'

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value)
const text = z.string().optional()

export const waSandboxSchema = z.object({
  from: z.string().trim().min(1),
  to: z.string().trim().min(1),
  contentType: z.preprocess(
    upper,
    z.enum(['TEXT', 'AUDIO', 'IMAGE', 'VIDEO', 'DOCUMENT', 'STICKER', 'LOCATION', 'CONTACTS', 'TEMPLATE']),
  ),
  content: text,
  previewUrl: z.boolean().optional(),
  url: text,
  mimeType: text,
  caption: text,
  fileName: text,
  latitude: coordinate(90).optional(),
  longitude: coordinate(180).optional(),
  name: text,
  address: text,
  contacts: z.array(z.unknown()).optional(),
  templateId: text,
  /** An object for text and templates, an array of one-key objects for media (the Node SDK sends both). */
  substitutions: z.union([ownKeysRecord(z.unknown()), z.array(ownKeysRecord(z.unknown()))]).optional(),
  correlationId: text,
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  callbackData: z.string().max(2000).optional(),
})
export type WaSandboxRequest = z.infer<typeof waSandboxSchema>

/** The same message as a Messaging API v1 request. */
export function v1FromSandbox(r: WaSandboxRequest): WaMessagingV1Request {
  // Merged entry by entry: spread into Object.assign's arguments, a long array overflowed the stack (a 500).
  const substitutions = Array.isArray(r.substitutions)
    ? Object.fromEntries(r.substitutions.flatMap((entry) => Object.entries(entry)))
    : (r.substitutions ?? {})
  const type = r.contentType.toLowerCase()
  // In this API's words, naming its own fields: read further as a Messaging API v1 request, an
  // empty one was refused there as "invalid value of param 'body'", a field this API does not have.
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined)
      throw new EmulatorError('missing_parameter', `Mandatory parameter missing -  : ${field}`, field)
    // Only white space is empty too: a text, URL or template id of spaces names nothing.
    if ((typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0))
      throw new EmulatorError('invalid_parameter', `Invalid parameter -  : ${field}`, field, `${field} is empty`)
    return value
  }
  const media = () => ({ url: need(r.url, 'url'), mimeType: r.mimeType, caption: r.caption, filename: r.fileName })
  const wa = () =>
    type === 'text'
      ? { type, text: { body: need(r.content, 'content'), preview_url: r.previewUrl } }
      : type === 'location'
        ? {
            type,
            location: { latitude: r.latitude ?? 0, longitude: r.longitude ?? 0, name: r.name, address: r.address },
          }
        : type === 'contacts'
          ? { type, contacts: need(r.contacts, 'contacts') }
          : { type, [type]: media() }
  return {
    deliverychannel: 'whatsapp',
    appid: r.from,
    destination: [{ waid: [r.to] }],
    ...(type === 'template'
      ? { message: { template: need(r.templateId, 'templateId'), parameters: substitutions } }
      : { channels: { 'OTT-Messaging': { wa: wa() } } }),
    correlationid: r.correlationId,
    callbackData: r.callbackData,
    notifyurl: r.callbackUrl,
    notifyurlAuthId: undefined,
  } as WaMessagingV1Request
}

/** Statuses in the SDKs' words (Java `WhatsAppMsgStatus.Status`). */
const sandboxStatuses: Record<string, 'SENT' | 'DELIVERED' | 'READ' | 'FAILED'> = {
  Submitted: 'SENT',
  Delivered: 'DELIVERED',
  Read: 'READ',
  Failed: 'FAILED',
}

/** The status callback to `callbackUrl` (the same six fields as the SMS sandbox's). */
export function waSandboxCallback(context: ReceiptContext): unknown {
  const status = sandboxStatuses[context.receipt.status]!
  return {
    messageId: context.message.messageId,
    statusTime: context.receipt.timeStamp,
    status,
    callbackData: context.message.callbackData,
    correlationId: context.recipient.correlationId,
    ...(status === 'FAILED' ? { error: { code: context.receipt.code, message: context.receipt.description } } : {}),
  }
}

export const waSandboxStatusSchema = z.looseObject({
  messageId: z.string(),
  acceptedTime: z.string(),
  from: z.string(),
  to: z.string(),
  correlationId: z.string(),
  status: z.enum(['QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED']),
  statusTime: z.string(),
  contentType: z.string(),
})

/** GET /v1/whatsapp/messages/{id}: flat, content fields beside the status, `contentType` upper case (the SDKs map only those). */
export function waSandboxStatus(message: WaMessage): z.infer<typeof waSandboxStatusSchema> {
  const recipient = message.recipients[0]!
  const latest = recipient.receipts.at(-1)
  const status = latest ? sandboxStatuses[latest.status]! : 'QUEUED'
  return {
    messageId: message.messageId,
    acceptedTime: message.requestTimestamp,
    from: message.appId,
    to: recipient.address,
    correlationId: recipient.correlationId,
    status,
    statusTime: latest?.timeStamp ?? message.requestTimestamp,
    contentType: message.type.toUpperCase(),
    ...(message.type === 'text' ? { content: message.text, previewUrl: false } : {}),
    ...(message.templateId !== undefined ? { templateId: message.templateId } : {}),
    ...(status === 'FAILED' && latest ? { error: { code: latest.code, message: latest.description } } : {}),
  }
}
