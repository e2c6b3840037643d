/**
 * @module Builds the outbound-webhook delivery receipt (seed 000), key for key: the full envelope of
 * the field table, or the vendor example's own key set (`receipts.style: "as-documented"`).
 */
import { receiptKinds } from '../receipts.js'
import type { WebhookReceipt } from '../schemas/delivery-receipt.js'
import type { ReceiptFacts, ReceiptStyle } from './receipt-facts.js'

export function buildWebhookReceipt(facts: ReceiptFacts, style: ReceiptStyle): WebhookReceipt {
  const spec = receiptKinds[facts.kind]
  const shape = style === 'full' ? { ...spec.webhook, additionalInfo: true, subtid: true } : spec.webhook
  return {
    deliveryInfoNotification: {
      deliveryInfo: {
        deliveryChannel: 'email',
        Description: facts.description,
        destinationType: shape.destinationType,
        timeStamp: facts.timeStamp,
        code: spec.code,
        deliveryStatus: spec.status,
        destination: facts.destination,
        ...(shape.additionalInfo ? { additionalInfo: facts.additionalInfo } : {}),
      },
      correlationid: facts.correlationid,
      callbackData: facts.callbackData,
      transid: facts.transid,
      ...(shape.subtid ? { subtid: facts.subtid } : {}),
    },
  }
}
