/**
 * @module The delivery-receipt envelope every channel shares (vendor: the same
 * `deliveryInfoNotification` on the receipts of every channel it documents), loose so each
 * channel's extra keys pass: for code that handles receipts of any channel.
 */
import { z } from 'zod'

const receiptEnvelopeSchema = z.looseObject({
  deliveryInfoNotification: z.looseObject({
    deliveryInfo: z.looseObject({
      timeStamp: z.string(),
      Description: z.string(),
      code: z.string(),
      deliveryChannel: z.string(),
      additionalInfo: z.string().optional(),
      destination: z.string(),
      destinationType: z.string(),
      deliveryStatus: z.string(),
    }),
    subtid: z.string().optional(),
    transid: z.string(),
    callbackData: z.string(),
    correlationid: z.string(),
  }),
})
/** Any channel's delivery receipt, by its shared keys. */
export type ReceiptEnvelope = z.infer<typeof receiptEnvelopeSchema>
