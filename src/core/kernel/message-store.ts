/**
 * @module What the emulator remembers about each accepted message, bounded: past the cap the
 * oldest message is forgotten (its pending steps still run), so a dev server can run for weeks.
 * The record's shape is a zod schema — every channel's record extends the base one with its own
 * fields — so a state file's messages are validated when restored.
 */
import { z } from 'zod'
import { OldestKeys } from './oldest-keys.js'
import { epochMsSchema } from './time-bounds.js'

/** One receipt a recipient got, as the emulator recorded it (`at` is epoch ms on the emulator's clock). */
const receiptRecordSchema = z.object({
  /** The channel's receipt kind, e.g. "delivered", "alreadyBounced". */
  kind: z.string(),
  code: z.string(),
  status: z.string(),
  description: z.string(),
  additionalInfo: z.string(),
  at: epochMsSchema,
  timeStamp: z.string(),
})
/** One receipt a recipient got. */
export type ReceiptRecord = z.infer<typeof receiptRecordSchema>

/** One destination of a message, with its own lifecycle and receipts; channels add their fields. */
export const baseRecipientSchema = z.object({
  address: z.string(),
  correlationId: z.string(),
  /** How its fate was chosen, for people reading the inspection API. */
  fate: z.string(),
  /** "Queued" until the first receipt, then the latest receipt's status. */
  status: z.string(),
  receipts: z.array(receiptRecordSchema),
})
/** A recipient as the kernel knows it. */
export type BaseRecipient = z.infer<typeof baseRecipientSchema>

/** An accepted send as the kernel knows it; each channel's record adds its own fields. */
export const baseMessageSchema = z.object({
  messageId: z.string(),
  /** Which channel played it out: its channel definition's `name`. */
  channel: z.string(),
  acceptedAt: epochMsSchema,
  requestTimestamp: z.string(),
  /** When the lifecycle starts: acceptance, or the request's `sendAt`. */
  startsAt: epochMsSchema,
  serviceId: z.string(),
  from: z.string(),
  correlationId: z.string(),
  callbackData: z.string(),
  notifyUrl: z.string().optional(),
  /** Canonical (lower-case) receipt names the notifyUrl gets; all when absent. */
  requestedReceipts: z.array(z.string()).optional(),
  gtrid: z.string(),
  recipients: z.array(baseRecipientSchema),
})
/** A message as the kernel knows it. */
export type BaseMessage = z.infer<typeof baseMessageSchema>

export class MessageStore<M extends BaseMessage = BaseMessage> {
  readonly #messages = new Map<string, M>()
  readonly #oldest = new OldestKeys(this.#messages)
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

  add(message: M): void {
    this.#messages.set(message.messageId, message)
    this.#evicted += this.#oldest.trim(this.#max)
  }

  get(messageId: string): M | undefined {
    return this.#messages.get(messageId)
  }

  /** Oldest first. */
  list(): M[] {
    return [...this.#messages.values()]
  }

  /** Forgets the messages `predicate` selects; returns their ids. */
  forget(predicate: (message: M) => boolean): string[] {
    const ids = [...this.#messages.values()].filter(predicate).map((m) => m.messageId)
    for (const id of ids) this.#messages.delete(id)
    this.#oldest.release()
    return ids
  }

  clear(): void {
    this.#messages.clear()
    this.#oldest.release()
  }
}
