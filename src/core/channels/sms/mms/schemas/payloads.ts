/**
 * @module The MMS receipts the emulator posts, as zod schemas (OpenAPI `webhooks`, receivers).
 */
import { z } from 'zod'
import { dataIntegrationSchema } from '../../schemas/payloads.js'

const notification = z.object({
  deliveryInfo: z.object({
    deliveryChannel: z.literal('mms'),
    Description: z.string(),
    destinationType: z.literal('msisdn'),
    timeStamp: z.string(),
    /** On Clicked (the user agent); on every receipt with receipts.style "full". */
    additionalInfo: z.string().optional(),
    code: z.string(),
    deliveryStatus: z.string(),
    destination: z.string(),
  }),
  correlationid: z.string(),
  callbackData: z.string(),
  transid: z.string(),
  subtid: z.string().optional(),
})

export const mmsWebhookReceiptSchema = z.object({ deliveryInfoNotification: notification })

export const mmsDataStreamReceiptSchema = z.object({
  'x-wx-gtrid': z.string(),
  deliveryInfoNotification: notification,
  dataIntegration: dataIntegrationSchema,
})
