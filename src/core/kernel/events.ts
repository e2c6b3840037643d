/**
 * @module What `emulator.subscribe(listener)` reports, as it happens (the console's live view and the
 * CLI's event log use it).
 */
import type { InboundRecord } from './inbound-log.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from './message-store.js'
import type { Attempt, Delivery } from './outbox.js'

/** A vendor-API request the emulator refused, as the log and the web console show it. */
export interface Rejection {
  method: string
  path: string
  status: number
  /** The vendor's code ("7004"), or the HTTP status for errors the vendor does not number. */
  code: string
  message: string
  detail: string | undefined
}

export type EmulatorEvent =
  | { type: 'message'; message: BaseMessage }
  | { type: 'receipt'; message: BaseMessage; recipient: BaseRecipient; receipt: ReceiptRecord }
  | { type: 'attempt'; delivery: Delivery; attempt: Attempt }
  | { type: 'inbound'; inbound: InboundRecord }
  /** A piece of run-time state changed: "suppression", "rules", "targets", "clock", … */
  | { type: 'state'; what: string }
  | { type: 'reset'; serviceId: string | undefined }
  /** The vendor API refused a request: what it answered, and what exactly was wrong (`detail`). */
  | { type: 'rejected'; rejection: Rejection }

export type Emit = (event: EmulatorEvent) => void
