/**
 * @module What `emulator.subscribe(listener)` reports, as it happens (the console's live view and the
 * CLI's event log use it).
 */
import type { MessageRecord, ReceiptRecord, RecipientRecord } from '../kernel/message-store.js'
import type { Attempt, Delivery } from '../kernel/outbox.js'
import type { InboundRecord } from './inbound-events.js'

export type EmulatorEvent =
  | { type: 'message'; message: MessageRecord }
  | { type: 'receipt'; message: MessageRecord; recipient: RecipientRecord; receipt: ReceiptRecord }
  | { type: 'attempt'; delivery: Delivery; attempt: Attempt }
  | { type: 'inbound'; inbound: InboundRecord }
  | {
      type: 'state'
      what: 'suppression' | 'unsubscribes' | 'sandbox' | 'rules' | 'targets' | 'clock' | 'chaos' | 'rateLimit'
    }
  | { type: 'reset'; serviceId: string | undefined }
  /** The vendor API refused a request: what it answered, and what exactly was wrong (`detail`). */
  | { type: 'rejected'; rejection: Rejection }

/** A vendor-API request the emulator refused, as the log and the console show it. */
export interface Rejection {
  method: string
  path: string
  status: number
  /** The vendor's code ("7004"), or the HTTP status for errors the vendor does not number. */
  code: string
  message: string
  detail: string | undefined
}

/** Which piece of run-time state a `state` event says has changed. */
export type StateChange = Extract<EmulatorEvent, { type: 'state' }>['what']

export type Emit = (event: EmulatorEvent) => void
