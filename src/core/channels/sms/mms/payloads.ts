/**
 * @module Builds the MMS delivery receipts key for key as D-MMS's samples (notes §2.8), in both
 * formats. Every MMS sample has the compact shape of the SMS "Clicked" one — no `subtid`, no
 * `carrier`, `additionalInfo` only on Clicked — which "as-documented" keeps; "full" (the default)
 * adds `additionalInfo` and `subtid` to every receipt. Delivered says `deliveryStatus:
 * "Delivered"`: its sample's "Submitted" is a slip (notes §7.13, docs/decisions/013-mms-rcs.md).
 */

import { dataStreamReceipt } from '../../../kernel/formats.js'
import type { ReceiptContext } from '../../channel.js'
import { compactReceipt } from '../payloads.js'
import type { MmsMessage } from './record.js'

function notification(context: ReceiptContext) {
  const message = context.message as MmsMessage
  const { receipt, recipient } = context
  const full = context.style === 'full'
  return compactReceipt(
    {
      deliveryChannel: 'mms',
      description: receipt.description,
      timeStamp: receipt.timeStamp,
      additionalInfo: receipt.additionalInfo,
      code: receipt.code,
      status: receipt.status,
      destination: recipient.address,
      correlationid: recipient.correlationId,
      callbackData: message.callbackData,
      transid: message.messageId,
    },
    { includeAdditionalInfo: full || receipt.kind === 'clicked', extra: full ? { subtid: '' } : {} },
  ).deliveryInfoNotification
}

/** The outbound-webhook receipt (notifyUrl and "webhook" targets). */
export const buildMmsWebhookReceipt = (context: ReceiptContext): unknown => ({
  deliveryInfoNotification: notification(context),
})

/** The data-stream receipt: the same notification in the data-stream wrapper (H-DS). */
export function buildMmsDataStreamReceipt(context: ReceiptContext): unknown {
  const message = context.message as MmsMessage
  return dataStreamReceipt(
    { gtrid: message.gtrid, serviceId: message.serviceId, serviceName: context.serviceName },
    notification(context),
  )
}
