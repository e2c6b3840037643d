/**
 * @module WhatsApp delivery receipts, key for key as the vendor's samples (notes §2.6). "current"
 * (D-WAWH): `deliveryInfo` with `waid`, `bsuid`, `waidNormalized`, `identityKeyHash`; `transid`
 * the request's id plus "_<index>" ("_0" for the first recipient); `subtid` Meta's message id once
 * submitted, "" for a failure before it. `bsuid` shows on Delivered and Read, and on a message
 * addressed by bsuid (as the samples: "" on Submitted to a waid). "without-bsuid" copies D-CODES'
 * 7200 example, "legacy" D-WAFAQ's 2019–2020 samples. The data-stream format wraps the same
 * notification as the SMS one does (`x-wx-gtrid`, `dataIntegration`; H-DS).
 */
import { dataStreamReceipt } from '../../kernel/formats.js'
import type { ReceiptContext } from '../channel.js'
import type { WhatsappConfig } from './config.js'
import type { WaMessage, WaRecipient } from './record.js'

export function buildWaWebhookReceipt(context: ReceiptContext, config: WhatsappConfig): Record<string, unknown> {
  const message = context.message as WaMessage
  const recipient = context.recipient as WaRecipient
  const { receipt } = context
  const submitted = recipient.receipts.some((r) => r.kind === 'submitted')
  const bsuidKnown =
    recipient.destinationType === 'bsuid' ||
    receipt.kind === 'delivered' ||
    receipt.kind === 'read' ||
    receipt.kind === 'failed'
  const keys = config.receiptKeys
  const deliveryInfo =
    keys === 'current'
      ? {
          timeStamp: receipt.timeStamp,
          waid: recipient.waid,
          Description: receipt.description,
          code: receipt.code,
          bsuid: bsuidKnown ? recipient.bsuid : '',
          deliveryChannel: 'whatsapp',
          additionalInfo: receipt.additionalInfo,
          waidNormalized: recipient.waidNormalized,
          destination: recipient.address,
          destinationType: recipient.destinationType,
          identityKeyHash: recipient.identityKeyHash,
          deliveryStatus: receipt.status,
        }
      : {
          timeStamp: receipt.timeStamp,
          Description: receipt.description,
          code: receipt.code,
          deliveryChannel: 'whatsapp',
          additionalInfo: receipt.additionalInfo,
          destination: recipient.address,
          destinationType: recipient.destinationType,
          ...(keys === 'without-bsuid' ? { identityKeyHash: recipient.identityKeyHash } : {}),
          deliveryStatus: receipt.status,
        }
  return {
    deliveryInfoNotification: {
      deliveryInfo,
      subtid: submitted || receipt.kind === 'submitted' ? recipient.subtid : '',
      transid: keys === 'current' ? `${message.messageId}_${recipient.index}` : message.messageId,
      callbackData: message.callbackData,
      correlationid: recipient.correlationId,
    },
  }
}

/** The data-stream format: the webhook's notification with `x-wx-gtrid` and `dataIntegration`. */
export function buildWaDataStreamReceipt(context: ReceiptContext, config: WhatsappConfig): unknown {
  const { gtrid, serviceId } = context.message
  return dataStreamReceipt(
    { gtrid, serviceId, serviceName: context.serviceName },
    buildWaWebhookReceipt(context, config).deliveryInfoNotification,
  )
}
