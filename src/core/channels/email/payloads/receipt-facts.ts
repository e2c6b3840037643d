/**
 * @module Everything a receipt payload is built from, whatever its format.
 */
import type { ReceiptKind } from '../receipts.js'

/**
 * "full": every key of the vendor's field table on every receipt ("" where there is no value) —
 * what real receivers decode. "as-documented": each vendor example's own key set.
 */
export type ReceiptStyle = 'full' | 'as-documented'

export interface ReceiptFacts {
  kind: ReceiptKind
  description: string
  additionalInfo: string
  timeStamp: string
  destination: string
  transid: string
  correlationid: string
  callbackData: string
  /** Vendor: set for flow-level transactions; API sends carry "". */
  subtid: string
  /** Data streams only: the cross-product transaction id. */
  gtrid: string
  serviceId: string
  serviceName: string
}
