/**
 * @module The RCS payloads the emulator posts, as zod schemas (OpenAPI `webhooks`, receivers that
 * check what they get): receipts in both formats and the inbound events (D-RCSWH).
 */
import { z } from 'zod'
import { dataIntegrationSchema } from '../../schemas/payloads.js'

export const rcsWebhookReceiptSchema = z.object({
  deliveryInfoNotification: z.object({
    deliveryInfo: z.object({
      timeStamp: z.string(),
      Description: z.string(),
      code: z.string(),
      deliveryChannel: z.literal('rcs'),
      additionalInfo: z.string(),
      destination: z.string(),
      /** "msisdn"; "" on Delivered and Read with receipts.style "as-documented", as the samples. */
      destinationType: z.enum(['msisdn', '']),
      deliveryStatus: z.string(),
    }),
    carrier: z.string().optional(),
    subtid: z.string(),
    transid: z.string(),
    callbackData: z.string(),
    serviceProvider: z.string().optional(),
    correlationid: z.string(),
  }),
})

export const rcsDataStreamReceiptSchema = z.object({
  'x-wx-gtrid': z.string(),
  deliveryInfoNotification: rcsWebhookReceiptSchema.shape.deliveryInfoNotification,
  dataIntegration: dataIntegrationSchema,
})

const inboundBase = {
  channel: z.literal('rcs'),
  /** The customer's number. */
  msisdn: z.string(),
  /** Your RCS app id. */
  appId: z.string(),
  ts: z.string(),
  tid: z.string(),
  serviceProvider: z.string(),
  carrier: z.string(),
}

/** An RCS inbound event, outbound-webhook format: one of D-RCSWH's samples' shapes. */
export const rcsWebhookInboundSchema = z.union([
  z.object({ ...inboundBase, message: z.string(), event: z.literal('MO'), messageid: z.string() }),
  z.object({ ...inboundBase, event: z.literal('ATTACHMENT'), attachments: z.string(), messageid: z.string() }),
  z.object({
    ...inboundBase,
    event: z.literal('Location'),
    latitude: z.string(),
    longitude: z.string(),
    messageId: z.string(),
  }),
  z.object({ ...inboundBase, postback: z.string(), event: z.literal('postback'), messageId: z.string() }),
  z.object({ ...inboundBase, event: z.enum(['SUBSCRIBE', 'UNSUBSCRIBE']), messageId: z.string() }),
])

/** An RCS inbound event, data-stream format: the webhook payload with `x-wx-gtrid` and `dataIntegration` (H-DS). */
export const rcsDataStreamInboundSchema = z.intersection(
  rcsWebhookInboundSchema,
  z.object({ 'x-wx-gtrid': z.string(), dataIntegration: dataIntegrationSchema }),
)
