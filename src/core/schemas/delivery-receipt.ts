/**
 * @module Delivery-receipt payloads in both formats the vendor posts: outbound webhooks
 * (seed 000) and data streams (seed 001). Keys, casing and string codes are the vendor's —
 * note `Description` with a capital D and `correlationid` in lower case.
 */
import { z } from 'zod'
import { deliveryStatuses } from '../receipt-kinds.js'

export const deliveryInfoSchema = z.strictObject({
  deliveryChannel: z.literal('email'),
  Description: z.string(),
  destinationType: z.enum(['email', 'emailid']),
  timeStamp: z.string(),
  code: z.string(),
  deliveryStatus: z.enum(deliveryStatuses),
  destination: z.string(),
  /** Absent on Complaint and Not Verified receipts, as in the seeds. */
  additionalInfo: z.string().optional(),
})
export type DeliveryInfo = z.infer<typeof deliveryInfoSchema>

/** Outbound-webhook format ("Outbound Webhooks — Email"). */
export const webhookReceiptSchema = z.strictObject({
  deliveryInfoNotification: z.strictObject({
    deliveryInfo: deliveryInfoSchema,
    correlationid: z.string(),
    callbackData: z.string(),
    transid: z.string(),
    /** Absent on Clicked, Complaint and Not Verified receipts, as in the seeds. */
    subtid: z.string().optional(),
  }),
})
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>

export const dataIntegrationSchema = z.strictObject({
  context: z.record(z.string(), z.string()),
  appContext: z.record(z.string(), z.string()),
})
export type DataIntegration = z.infer<typeof dataIntegrationSchema>

/** Data-stream format ("Data Streams — Email", delivery receipt). */
export const dataStreamReceiptSchema = z.strictObject({
  /** Absent on Bounce, Not Verified and invalid-address receipts, as in the seeds. */
  'x-wx-gtrid': z.string().optional(),
  deliveryInfoNotification: z.strictObject({
    deliveryInfo: deliveryInfoSchema,
    subtid: z.string(),
    transid: z.string(),
    callbackData: z.string(),
    correlationid: z.string(),
  }),
  dataIntegration: dataIntegrationSchema,
})
export type DataStreamReceipt = z.infer<typeof dataStreamReceiptSchema>
