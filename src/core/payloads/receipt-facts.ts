/**
 * @module Everything a receipt payload is built from, whatever its format.
 */
import type { ReceiptKind } from '../receipt-kinds.js'

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
