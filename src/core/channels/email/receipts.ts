/**
 * @module Every delivery receipt the email channel sends, with its vendor code, status text and the
 * key set each seed example shows (../shared/seeds/000 "webhook", 001 "datastream"). The examples
 * are not uniform — Clicked has no subtid, Complaint and Not Verified omit additionalInfo — while the
 * same documents' field tables list every key for every receipt, and real receivers require them.
 * So receipts carry the full envelope by default (`receipts.style: "full"`); the examples' own key
 * sets are the opt-in `"as-documented"` style (docs/decisions/002).
 */
import type { ReceiptSpec } from '../channel.js'

/** Every `deliveryStatus` a receipt can carry. */
export const deliveryStatuses = [
  'Submitted',
  'Delivered',
  'Read',
  'Clicked',
  'Bounce',
  'Complaint',
  'Not Verified',
  'Failed',
] as const
/** One of `deliveryStatuses`. */
export type DeliveryStatus = (typeof deliveryStatuses)[number]

/** The lower-case names accepted in a request's `requestedReceipts` (Send Message v2, email). */
export const requestedReceiptNames = [
  'submitted',
  'delivered',
  'read',
  'clicked',
  'bounce',
  'bounced',
  'not verified',
  'invalid',
  'complaint',
  'failed',
] as const
/** One of `requestedReceiptNames`. */
export type RequestedReceiptName = (typeof requestedReceiptNames)[number]

interface ReceiptKindSpec extends ReceiptSpec {
  code: string
  status: DeliveryStatus
  /** Which `requestedReceipts` names select this receipt. */
  requestedAs: readonly RequestedReceiptName[]
  /** `destinationType`, and which optional keys the vendor's example of this receipt shows (the "as-documented" style). */
  webhook: { additionalInfo: boolean; subtid: boolean; destinationType: 'email' | 'emailid' }
  datastream: { additionalInfo: boolean; gtrid: boolean; destinationType: 'email' | 'emailid' }
}

const plain = { additionalInfo: true, subtid: true, destinationType: 'email' } as const
const plainStream = { additionalInfo: true, gtrid: true, destinationType: 'email' } as const

/** Every receipt the channel sends, by kind: its vendor code, status and which keys each format has. */
export const receiptKinds = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted'], webhook: plain, datastream: plainStream },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'], webhook: plain, datastream: plainStream },
  read: { code: '7502', status: 'Read', requestedAs: ['read'], webhook: plain, datastream: plainStream },
  clicked: {
    code: '7528',
    status: 'Clicked',
    requestedAs: ['clicked'],
    webhook: { additionalInfo: true, subtid: false, destinationType: 'email' },
    datastream: plainStream,
  },
  bounce: {
    final: true,
    code: '7520',
    status: 'Bounce',
    requestedAs: ['bounce', 'bounced'],
    webhook: plain,
    datastream: { additionalInfo: true, gtrid: false, destinationType: 'email' },
  },
  complaint: {
    code: '7521',
    status: 'Complaint',
    requestedAs: ['complaint'],
    webhook: { additionalInfo: false, subtid: false, destinationType: 'emailid' },
    datastream: plainStream,
  },
  notVerified: {
    final: true,
    code: '7522',
    status: 'Not Verified',
    requestedAs: ['not verified'],
    webhook: { additionalInfo: false, subtid: false, destinationType: 'emailid' },
    datastream: { additionalInfo: false, gtrid: false, destinationType: 'emailid' },
  },
  invalidAddress: {
    final: true,
    code: '7523',
    status: 'Failed',
    requestedAs: ['invalid', 'failed'],
    webhook: plain,
    datastream: { additionalInfo: true, gtrid: false, destinationType: 'email' },
  },
  maxLength: {
    final: true,
    code: '7524',
    status: 'Failed',
    requestedAs: ['invalid', 'failed'],
    webhook: plain,
    datastream: plainStream,
  },
  alreadyBounced: {
    final: true,
    code: '7240',
    status: 'Failed',
    requestedAs: ['failed'],
    webhook: plain,
    datastream: plainStream,
  },
  unsubscribed: {
    final: true,
    code: '7241',
    status: 'Failed',
    requestedAs: ['failed'],
    webhook: plain,
    datastream: plainStream,
  },
  /** A contact-policy check failed: the failure's own code (9000–9010) and text; seen in the wild: 9002. */
  contactPolicy: {
    final: true,
    code: '9002',
    status: 'Failed',
    requestedAs: ['failed'],
    webhook: plain,
    datastream: plainStream,
  },
  /** Not in the vendor's examples: more recipients than an SES asset takes (recipientLimit "fail-recipients"). */
  recipientLimit: {
    final: true,
    code: '7009',
    status: 'Failed',
    requestedAs: ['failed'],
    webhook: plain,
    datastream: plainStream,
  },
} as const satisfies Record<string, ReceiptKindSpec>

/** A key of `receiptKinds`, e.g. `'alreadyBounced'`. */
export type ReceiptKind = keyof typeof receiptKinds
