/**
 * @module The SMS payloads the emulator posts, as zod schemas (for the OpenAPI `webhooks` and for
 * receivers that want to check what they get): receipts in both formats, the Send SMS API v1's
 * status callback and the incoming message (MO) in both formats.
 */
import { z } from 'zod'

/** The data-stream `dataIntegration` block: the service and flow a payload came through (SMS, MMS, RCS). */
export const dataIntegrationSchema = z.object({
  context: z.object({
    serviceId: z.string(),
    serviceName: z.string(),
    flowId: z.string(),
    flowName: z.string(),
    messagingAPI: z.string(),
  }),
  appContext: z.object({}),
})

const smsDeliveryInfo = z.object({
  timeStamp: z.string(),
  Description: z.string(),
  code: z.string(),
  /** Parts the text took; on Delivered, Failed and Un-Delivered. */
  messageCount: z.string().optional(),
  /** "SMS"; "sms" on Clicked, as the vendor's sample writes it. */
  deliveryChannel: z.enum(['SMS', 'sms']),
  additionalInfo: z.string(),
  destination: z.string(),
  destinationType: z.literal('msisdn'),
  deliveryStatus: z.string(),
})

/** An SMS delivery receipt, outbound-webhook format. */
export const smsWebhookReceiptSchema = z.object({
  deliveryInfoNotification: z.object({
    deliveryInfo: smsDeliveryInfo,
    /** The operator's id once it reported ("USTMO"), else "". */
    carrier: z.string().optional(),
    subtid: z.string().optional(),
    transid: z.string(),
    callbackData: z.string(),
    correlationid: z.string(),
  }),
})

/** An SMS delivery receipt, data-stream format. */
export const smsDataStreamReceiptSchema = z.object({
  'x-wx-gtrid': z.string(),
  deliveryInfoNotification: smsWebhookReceiptSchema.shape.deliveryInfoNotification,
  dataIntegration: dataIntegrationSchema,
})

/** The Send SMS API v1's status callback (callbackUrl, `sms.v1.callbackFormat` "status"). */
export const smsStatusCallbackSchema = z.object({
  messageId: z.string(),
  statusTime: z.string(),
  status: z.enum(['SENT', 'DELIVERED', 'FAILED']),
  callbackData: z.string(),
  correlationId: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

/** An incoming SMS (MO), outbound-webhook format — the vendor sample's keys, `userld` typo included. */
export const smsWebhookInboundSchema = z.object({
  userld: z.string(),
  Channel: z.literal('SMS'),
  /** Your number or short code. */
  da: z.string(),
  message_source: z.literal('SMS'),
  /** The customer's number. */
  oa: z.string(),
  message: z.string(),
  messageCount: z.string(),
  tid: z.string(),
  datetime: z.string(),
  ts: z.string(),
  x_networkid: z.string(),
})

/** An incoming SMS (MO), data-stream format. */
export const smsDataStreamInboundSchema = z.object({
  transid: z.string(),
  malwareinfo: z.string(),
  channel: z.literal('SMS'),
  dataIntegration: dataIntegrationSchema,
  x_networkid: z.string(),
  message: z.string(),
  messageCount: z.string(),
  userId: z.string(),
  message_source: z.literal('SMS'),
  tid: z.string(),
  pciInfo: z.string(),
  clientUUID: z.string(),
  'x-wx-gtrid': z.string(),
  oa: z.string(),
  datetime: z.string(),
  securityscaninfo: z.string(),
  da: z.string(),
  ts: z.string(),
})

export type SmsWebhookReceipt = z.infer<typeof smsWebhookReceiptSchema>
export type SmsDataStreamReceipt = z.infer<typeof smsDataStreamReceiptSchema>
export type SmsStatusCallback = z.infer<typeof smsStatusCallbackSchema>
export type SmsWebhookInbound = z.infer<typeof smsWebhookInboundSchema>
export type SmsDataStreamInbound = z.infer<typeof smsDataStreamInboundSchema>
