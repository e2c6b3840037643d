/**
 * @module Builds the RCS delivery receipts key for key as D-RCSWH's samples (notes §2.7), in both
 * formats. "full" (the default): every receipt has `carrier` and `serviceProvider` and
 * `destinationType: "msisdn"`. "as-documented": each sample's own keys and quirks — Delivered and
 * Read say `destinationType: ""`, Failed has neither `carrier` nor `serviceProvider`. `subtid` is
 * the transid (as the samples), "" on Failed (as its sample).
 */

import { dataStreamReceipt } from '../../../kernel/formats.js'
import type { ReceiptContext } from '../../channel.js'
import { type PhoneReceiptFields, phoneDeliveryInfo } from '../payloads.js'
import type { RcsMessage } from './record.js'

export interface RcsReceiptFacts extends PhoneReceiptFields {
  kind: string
  carrier: string
  serviceProvider: string
  gtrid: string
  serviceId: string
  serviceName: string
  style: 'full' | 'as-documented'
}

export function rcsReceiptFacts(
  context: ReceiptContext,
  { carrier, serviceProvider }: { carrier: string; serviceProvider: string },
): RcsReceiptFacts {
  const message = context.message as RcsMessage
  const { receipt, recipient } = context
  return {
    kind: receipt.kind,
    code: receipt.code,
    status: receipt.status,
    description: receipt.description,
    additionalInfo: receipt.additionalInfo,
    timeStamp: receipt.timeStamp,
    destination: recipient.address,
    transid: message.messageId,
    correlationid: recipient.correlationId,
    callbackData: message.callbackData,
    carrier,
    serviceProvider,
    gtrid: message.gtrid,
    serviceId: message.serviceId,
    serviceName: context.serviceName,
    style: context.style,
  }
}

const isFailure = (kind: string) => kind === 'failed' || kind === 'contactPolicy'

function notification(f: RcsReceiptFacts) {
  const failed = isFailure(f.kind)
  const documented = f.style === 'as-documented'
  const destinationType = documented && (f.kind === 'delivered' || f.kind === 'read') ? '' : 'msisdn'
  const provider = !(documented && failed)
  return {
    deliveryInfo: phoneDeliveryInfo(f, { deliveryChannel: 'rcs', destinationType }),
    ...(provider ? { carrier: failed ? '' : f.carrier } : {}),
    subtid: failed ? '' : f.transid,
    transid: f.transid,
    callbackData: f.callbackData,
    ...(provider ? { serviceProvider: failed ? '' : f.serviceProvider } : {}),
    correlationid: f.correlationid,
  }
}

/** The outbound-webhook receipt (notifyUrl and "webhook" targets). */
export const buildRcsWebhookReceipt = (f: RcsReceiptFacts): unknown => ({ deliveryInfoNotification: notification(f) })

/** The data-stream receipt: the webhook's notification in the data-stream wrapper (H-DS, D-DS-RCS). */
export const buildRcsDataStreamReceipt = (f: RcsReceiptFacts): unknown => dataStreamReceipt(f, notification(f))
