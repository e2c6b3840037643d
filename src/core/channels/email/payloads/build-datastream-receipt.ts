/**
 * @module Builds the data-stream delivery receipt (seed 001), key for key. The seed's "1234" codes
 * are documentation placeholders; we send the real codes, as its Complaint example (7521) does.
 */
import { receiptKinds } from '../receipts.js'
import type { DataStreamReceipt } from '../schemas/delivery-receipt.js'
import type { ReceiptFacts, ReceiptStyle } from './receipt-facts.js'

export function buildDataStreamReceipt(facts: ReceiptFacts, style: ReceiptStyle): DataStreamReceipt {
  const spec = receiptKinds[facts.kind]
  // Two flags, not a copy of the spec with them set (see build-webhook-receipt.ts).
  const full = style === 'full'
  const additionalInfo = full || spec.datastream.additionalInfo
  const gtrid = full || spec.datastream.gtrid
  return {
    ...(gtrid ? { 'x-wx-gtrid': facts.gtrid } : {}),
    deliveryInfoNotification: {
      deliveryInfo: {
        timeStamp: facts.timeStamp,
        Description: facts.description,
        code: spec.code,
        deliveryChannel: 'email',
        ...(additionalInfo ? { additionalInfo: facts.additionalInfo } : {}),
        destination: facts.destination,
        destinationType: spec.datastream.destinationType,
        deliveryStatus: spec.status,
      },
      subtid: facts.subtid,
      transid: facts.transid,
      callbackData: facts.callbackData,
      correlationid: facts.correlationid,
    },
    dataIntegration: {
      context: {
        serviceId: facts.serviceId,
        serviceName: facts.serviceName,
        flowId: '',
        flowName: '',
        messagingAPI: 'true',
      },
      appContext: {},
    },
  }
}
