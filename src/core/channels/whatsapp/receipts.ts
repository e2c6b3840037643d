/**
 * @module Every receipt the WhatsApp channel sends (notes §1.4, §2.6: D-WAWH; H-OWH lists
 * Submitted, Delivered, Read, Failed): code, status and the names that select it.
 */
import type { ReceiptSpec } from '../channel.js'

export const waStatuses = ['Submitted', 'Delivered', 'Read', 'Failed'] as const
export const waReceiptNames = ['submitted', 'delivered', 'read', 'failed'] as const

export const waReceipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted'] },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
  read: { code: '7502', status: 'Read', requestedAs: ['read'] },
  failed: { code: '7713', status: 'Failed', requestedAs: ['failed'], final: true },
} as const satisfies Record<string, ReceiptSpec>
