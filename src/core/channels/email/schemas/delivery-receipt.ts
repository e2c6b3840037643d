/**
 * @module Delivery-receipt payloads in both formats the vendor posts: outbound webhooks
 * (seed 000) and data streams (seed 001). Keys, casing and string codes are the vendor's —
 * note `Description` with a capital D and `correlationid` in lower case.
 */
import { z } from 'zod'
import { deliveryStatuses } from '../receipts.js'

/** The `deliveryInfo` object both receipt formats share: status, code, destination, Description. */
export const deliveryInfoSchema = z.strictObject({
  deliveryChannel: z.literal('email'),
  Description: z.string(),
  destinationType: z.enum(['email', 'emailid']),
  timeStamp: z.string(),
  code: z.string(),
  deliveryStatus: z.enum(deliveryStatuses),
  destination: z.string(),
  /** Absent on Complaint and Not Verified receipts only in the "as-documented" style, as in the seeds. */
  additionalInfo: z.string().optional(),
})
/** A parsed `deliveryInfo`. */
export type DeliveryInfo = z.infer<typeof deliveryInfoSchema>

/**
 * A delivery receipt in the outbound-webhook format ("Outbound Webhooks — Email"), strict: for
 * parsing what your webhook handler receives.
 * @example
 * import { webhookReceiptSchema } from 'webex-connect-emulator/payloads'
 *
 * const receipt = webhookReceiptSchema.parse(await request.json())
 * receipt.deliveryInfoNotification.deliveryInfo.deliveryStatus // 'Delivered' | 'Bounce' | …
 */
export const webhookReceiptSchema = z.strictObject({
  deliveryInfoNotification: z.strictObject({
    deliveryInfo: deliveryInfoSchema,
    correlationid: z.string(),
    callbackData: z.string(),
    transid: z.string(),
    /** Absent on Clicked, Complaint and Not Verified receipts only in the "as-documented" style, as in the seeds. */
    subtid: z.string().optional(),
  }),
})
/** A parsed outbound-webhook receipt. */
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>

/** The data-stream `dataIntegration` block: `context` (serviceId, messagingAPI, …) and `appContext`. */
export const dataIntegrationSchema = z.strictObject({
  context: z.record(z.string(), z.string()),
  appContext: z.record(z.string(), z.string()),
})
/** A parsed `dataIntegration`. */
export type DataIntegration = z.infer<typeof dataIntegrationSchema>

/** A delivery receipt in the data-stream format ("Data Streams — Email"), strict. */
export const dataStreamReceiptSchema = z.strictObject({
  /** Absent on Bounce, Not Verified and invalid-address receipts only in the "as-documented" style, as in the seeds. */
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
/** A parsed data-stream receipt. */
export type DataStreamReceipt = z.infer<typeof dataStreamReceiptSchema>
