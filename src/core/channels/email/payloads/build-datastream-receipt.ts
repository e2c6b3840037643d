/**
 * @module Builds the data-stream delivery receipt (seed 001), key for key. The seed's "1234" codes
 * are documentation placeholders; we send the real codes, as its Complaint example (7521) does.
 */
import { receiptKinds } from '../receipts.js'
import type { DataStreamReceipt } from '../schemas/delivery-receipt.js'
import type { ReceiptFacts, ReceiptStyle } from './receipt-facts.js'

export function buildDataStreamReceipt(facts: ReceiptFacts, style: ReceiptStyle): DataStreamReceipt {
  const spec = receiptKinds[facts.kind]
  const shape = style === 'full' ? { ...spec.datastream, additionalInfo: true, gtrid: true } : spec.datastream
  return {
    ...(shape.gtrid ? { 'x-wx-gtrid': facts.gtrid } : {}),
    deliveryInfoNotification: {
      deliveryInfo: {
        timeStamp: facts.timeStamp,
        Description: facts.description,
        code: spec.code,
        deliveryChannel: 'email',
        ...(shape.additionalInfo ? { additionalInfo: facts.additionalInfo } : {}),
        destination: facts.destination,
        destinationType: shape.destinationType,
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
