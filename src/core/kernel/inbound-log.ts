/**
 * @module The log of inbound events the emulator posted (MO, unsubscribes, …), capped at
 * `limits.maxInbound`: the oldest is forgotten first, and counted.
 */
import { BoundedList } from './bounded-list.js'

export interface InboundRecord {
  tid: string
  /** The channel it came in on. */
  channel: string
  /** The vendor's event name: "MO", "Unsubscribe", "Subscribe", … */
  event: string
  from: string
  /** Recipient(s) for MO, the sender id for (un)subscribes. */
  to: string[]
  subject: string
  /** When the subject was cut to keep (past a channel's own cap on subjects): how long it was. */
  subjectTruncated?: number
  at: number
  ts: string
  /** Webhook deliveries it made. */
  deliveries: number
}

export class InboundLog {
  readonly #records: BoundedList<InboundRecord>
  #evicted = 0

  constructor(max: number) {
    this.#records = new BoundedList(max)
  }

  add(record: InboundRecord): void {
    if (this.#records.push(record)) this.#evicted++
  }

  list(): InboundRecord[] {
    return this.#records.toArray()
  }

  get size(): number {
    return this.#records.size
  }

  get evicted(): number {
    return this.#evicted
  }

  /** Empties the log; the eviction count stays, like the other counters. */
  clear(): void {
    this.#records.clear()
  }
}
