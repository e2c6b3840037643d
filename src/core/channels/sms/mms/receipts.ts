/**
 * @module Every delivery receipt the MMS channel sends (notes §2.8, §3.6: D-MMS): Submitted 7501,
 * Delivered 7500, Read 7524 (the code table's "Opened"), Clicked 7525, Failed with its code and
 * Un-Delivered 7208 "Message expired". `requestedReceipts` takes the MMS page's names (DELIVERED,
 * SUBMITTED, FAILED, READ) in any case, and SENT, OPENED, CLICKED, UNDELIVERED.
 */
import type { ReceiptSpec } from '../../channel.js'

export const mmsStatuses = ['Submitted', 'Delivered', 'Read', 'Clicked', 'Failed', 'Un-Delivered'] as const

export const mmsReceiptNames = [
  'submitted',
  'sent',
  'delivered',
  'read',
  'opened',
  'clicked',
  'failed',
  'undelivered',
] as const

export const mmsReceipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted', 'sent'] },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
  read: { code: '7524', status: 'Read', requestedAs: ['read', 'opened'] },
  clicked: { code: '7525', status: 'Clicked', requestedAs: ['clicked'] },
  failed: { code: '7556', status: 'Failed', requestedAs: ['failed'], final: true },
  undelivered: { code: '7208', status: 'Un-Delivered', requestedAs: ['failed', 'undelivered'], final: true },
  contactPolicy: { code: '9002', status: 'Failed', requestedAs: ['failed'], final: true },
} as const satisfies Record<string, ReceiptSpec>
