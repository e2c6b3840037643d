/**
 * @module What `emulator.subscribe(listener)` reports, as it happens (the console's live view and the
 * CLI's event log use it).
 */
import type { InboundRecord } from './inbound-log.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from './message-store.js'
import type { Attempt, Delivery } from './outbox.js'

/**
 * A request the emulator refused — a vendor-API request, or another site's request to any route
 * (Host, Origin) — as the log and the web console show it.
 */
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

/**
 * Where a listener's throw goes by default: raised again as an unhandled rejection, apart from the
 * engine. A throw must not reach the code that emitted the event — a send half done, a lifecycle
 * step, a webhook attempt whose slot would stay taken — and it must not be swallowed either: a test
 * runner reports an unhandled rejection as an error with the listener's stack, and a server logs it.
 * The other listeners still hear the event, as with the DOM's `EventTarget`.
 */
export const reraiseListenerError = (error: unknown): void => {
  void Promise.reject(error)
}
