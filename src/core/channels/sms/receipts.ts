/**
 * @module Every delivery receipt the SMS channel sends (notes §2.4, D-SMSWH): the vendor's code,
 * status and the `requestedReceipts` names that select it. A failure's code and text come from
 * codes.ts. The SMS docs list SUBMITTED, SENT (the same as SUBMITTED), DELIVERED, CLICKED and
 * FAILED; none names Un-Delivered, so FAILED selects both Failed and Un-Delivered, and the
 * service-level webhook's "Undelivered" is taken too (docs/decisions/010-sms.md).
 */
import type { ReceiptSpec } from '../channel.js'

/** Every `deliveryStatus` an SMS receipt can carry. */
export const smsStatuses = ['Submitted', 'Delivered', 'Clicked', 'Failed', 'Un-Delivered'] as const

/** The lower-case names `requestedReceipts` (any case) and target `events` take. */
export const smsReceiptNames = ['submitted', 'sent', 'delivered', 'clicked', 'failed', 'undelivered'] as const

export const smsReceipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted', 'sent'] },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
  clicked: { code: '7528', status: 'Clicked', requestedAs: ['clicked'] },
  failed: { code: '7102', status: 'Failed', requestedAs: ['failed'], final: true },
  undelivered: { code: '7201', status: 'Un-Delivered', requestedAs: ['failed', 'undelivered'], final: true },
  /** A contact-policy check failed: the failure's own code (9000–9010). */
  contactPolicy: { code: '9002', status: 'Failed', requestedAs: ['failed'], final: true },
} as const satisfies Record<string, ReceiptSpec>

/** A key of `smsReceipts`. */
export type SmsReceiptKind = keyof typeof smsReceipts
