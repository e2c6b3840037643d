/**
 * @module The WhatsApp payload shapes (notes §2.6, D-WAWH), for the OpenAPI `webhooks` and for
 * receivers that parse them (`webex-connect-emulator/payloads`).
 */
import { z } from 'zod'

export const waReceiptSchema = z.object({
  deliveryInfoNotification: z.object({
    deliveryInfo: z.object({
      timeStamp: z.string(),
      waid: z.string().optional(),
      Description: z.string(),
      code: z.string(),
      bsuid: z.string().optional(),
      deliveryChannel: z.literal('whatsapp'),
      additionalInfo: z.string(),
      waidNormalized: z.enum(['true', 'false']).optional(),
      destination: z.string(),
      destinationType: z.enum(['waid', 'bsuid']),
      identityKeyHash: z.string().optional(),
      deliveryStatus: z.enum(['Submitted', 'Delivered', 'Read', 'Failed']),
    }),
    subtid: z.string(),
    /** The request's transid, plus "_<index>" in the current format. */
    transid: z.string(),
    callbackData: z.string(),
    correlationid: z.string(),
  }),
})

const user = {
  userId: z.string(),
  channel: z.literal('WhatsApp'),
  appId: z.string(),
  waid: z.string(),
  ts: z.string(),
  tid: z.string(),
  identityKeyHash: z.string(),
  bsuid: z.string(),
  userHandle: z.string(),
  waidDerived: z.string(),
}

export const waInboundPayloadSchema = z.union([
  z.object({
    ...user,
    event: z.literal('MO'),
    username: z.string(),
    message: z.string(),
    /** JSON-encoded array of `{mime_type, url, caption?}`. */
    attachments: z.string(),
    system: z.string(),
    /** JSON-encoded `{address, latitude, name, url, longitude}` (location messages), else "". */
    location: z.string(),
    /** JSON-encoded array (absent on location messages, as the vendor's sample). */
    contacts: z.string().optional(),
    type: z.string().optional(),
  }),
  z.object({
    ...user,
    event: z.literal('postback'),
    username: z.string(),
    buttonPayload: z.string(),
    buttonText: z.string(),
    errors: z.string(),
  }),
  z.object({
    ...user,
    event: z.literal('list'),
    username: z.string(),
    listRowIdentifier: z.string(),
    listRowTitle: z.string(),
    listRowDescription: z.string(),
    contextId: z.string(),
  }),
  z.object({
    ...user,
    event: z.literal('reply'),
    username: z.string(),
    replyButtonIdentifier: z.string(),
    replyButtonTitle: z.string(),
    contextId: z.string(),
  }),
  z.object({
    ...user,
    event: z.literal('user_preference'),
    username: z.string(),
    user_preferences: z.array(
      z.object({
        waNumber: z.string(),
        detail: z.string(),
        category: z.literal('marketing_messages'),
        value: z.enum(['stop', 'resume']),
        timestamp: z.string(),
      }),
    ),
  }),
])
