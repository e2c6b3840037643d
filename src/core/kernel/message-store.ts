/**
 * @module What the emulator remembers about each accepted message, bounded: past the cap the
 * oldest message is forgotten (its pending steps still run), so a dev server can run for weeks.
 */
import type { DeliveryStatus, ReceiptKind } from '../channels/email/receipt-kinds.js'

/** One receipt a recipient got, as the emulator recorded it (`at` is epoch ms on the emulator's clock). */
export interface ReceiptRecord {
  kind: ReceiptKind
  code: string
  status: DeliveryStatus
  description: string
  additionalInfo: string
  at: number
  timeStamp: string
}

/** One address of a message (`to`, `cc` or `bcc`), with its own lifecycle and receipts. */
export interface RecipientRecord {
  address: string
  field: 'to' | 'cc' | 'bcc'
  correlationId: string
  /** How its fate was chosen, for people reading the inspection API. */
  fate: string
  /** "Queued" until the first receipt, then the latest receipt's status. */
  status: DeliveryStatus | 'Queued'
  receipts: ReceiptRecord[]
}

/** An accepted send, as `emulator.messages()` and `GET /_emulator/messages/:id` show it. */
export interface MessageRecord {
  messageId: string
  acceptedAt: number
  requestTimestamp: string
  /** When the lifecycle starts: acceptance, or the request's `sendAt`. */
  startsAt: number
  serviceId: string
  from: string
  subject: string
  contentType: 'text' | 'html'
  correlationId: string
  callbackData: string
  notifyUrl: string | undefined
  requestedReceipts: string[] | undefined
  multipleToRecipients: boolean
  gtrid: string
  recipients: RecipientRecord[]
}

export class MessageStore {
  #messages = new Map<string, MessageRecord>()
  #max: number
  #evicted = 0

  constructor(max: number) {
    this.#max = max
  }

  get evicted(): number {
    return this.#evicted
  }

  get size(): number {
    return this.#messages.size
  }

  add(message: MessageRecord): void {
    this.#messages.set(message.messageId, message)
    while (this.#messages.size > this.#max) {
      this.#messages.delete(this.#messages.keys().next().value!)
      this.#evicted++
    }
  }

  get(messageId: string): MessageRecord | undefined {
    return this.#messages.get(messageId)
  }

  /** Oldest first. */
  list(): MessageRecord[] {
    return [...this.#messages.values()]
  }

  /** Forgets the messages `predicate` selects; returns their ids. */
  forget(predicate: (message: MessageRecord) => boolean): string[] {
    const ids = [...this.#messages.values()].filter(predicate).map((m) => m.messageId)
    for (const id of ids) this.#messages.delete(id)
    return ids
  }

  clear(): void {
    this.#messages.clear()
  }
}
