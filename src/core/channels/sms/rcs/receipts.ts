/**
 * @module Every delivery receipt the RCS channel sends (notes §2.7, §3.3: D-RCSWH, D-CODES "RCS"):
 * Submitted 7501, Delivered 7500, Read 7502 and Failed with its own code. `requestedReceipts`
 * takes "Sent" (as Submitted) and "Clicked" as the RCS page lists them; no RCS Clicked receipt is
 * documented, so none is sent (docs/decisions/013-mms-rcs.md).
 */
import type { ReceiptSpec } from '../../channel.js'

export { rcsReceiptNames } from './schemas/send-request.js'

export const rcsStatuses = ['Submitted', 'Delivered', 'Read', 'Failed'] as const

export const rcsReceipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted', 'sent'] },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
  read: { code: '7502', status: 'Read', requestedAs: ['read'] },
  failed: { code: '7010', status: 'Failed', requestedAs: ['failed'], final: true },
  /** A contact-policy check failed: the failure's own code (9000–9010). */
  contactPolicy: { code: '9002', status: 'Failed', requestedAs: ['failed'], final: true },
} as const satisfies Record<string, ReceiptSpec>
