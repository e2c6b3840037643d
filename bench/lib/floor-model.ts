/**
 * @module The floor: the least work any emulator of an email send must do, written for speed. It
 * keeps what the emulator must be able to show afterwards — the message, its recipient and the
 * recipient's receipts, and for each webhook a delivery with its body and attempt — and makes what
 * the vendor's answers and webhooks carry: two UUIDs, ISO timestamps, the receipt bodies. It has no
 * schema library (the valid shape is checked by hand), no channel abstraction, no events, rules,
 * faults, policies, meters or signatures, and its receipts wait in one queue per delay, since it
 * knows the only two delays there are.
 *
 * The bench measures it beside the emulator, in the same way and the same run (bench/PROFILE.md,
 * "The floor"). A target this model misses cannot be met by an implementation that keeps what the
 * emulator keeps; where it meets one, the emulator's distance to it is what is left to optimise.
 */
import { randomUUID } from 'node:crypto'
import { Fifo } from '../../src/core/kernel/fifo.js'

/** What the model hands its `onWebhook` sink: the target, the headers, the body. */
export interface FloorWebhook {
  url: string
  headers: Record<string, string>
  body: string
}

interface Receipt {
  kind: string
  code: string
  status: string
  at: number
  timeStamp: string
}

interface Recipient {
  address: string
  correlationId: string
  status: string
  receipts: Receipt[]
}

interface Message {
  messageId: string
  acceptedAt: number
  requestTimestamp: string
  from: string
  callbackData: string
  gtrid: string
  subject: string
  contentType: string
  text: string
  recipients: Recipient[]
}

interface Delivery {
  id: string
  transid: string
  destination: string
  event: string
  body: string
  createdAt: number
  state: string
  attempts: Array<{ number: number; at: number; status: number; latencyMs: number }>
}

interface Due {
  at: number
  message: Message
  recipient: Recipient
}

/**
 * A queue of receipts all due the same delay after their send, so in the order they were queued: the
 * emulator's Fifo (src/core/kernel/fifo.ts, which lets a taken slot go at once — under steady load the
 * Delivered queue never empties), with its oldest item held out so that it can be looked at.
 */
class DelayQueue {
  #first: Due | undefined
  #rest = new Fifo<Due>()
  constructor(
    readonly delayMs: number,
    readonly code: string,
    readonly status: string,
  ) {}
  next(): Due | undefined {
    return this.#first
  }
  push(due: Due): void {
    if (this.#first === undefined) this.#first = due
    else this.#rest.push(due)
  }
  shift(): Due {
    const due = this.#first!
    this.#first = this.#rest.shift()
    return due
  }
  clear(): void {
    this.#first = undefined
    this.#rest.clear()
  }
}

export interface FloorOptions {
  /** The clock, in ms; on a virtual clock receipts fire in `runUntilIdle()`, on a real one by a timer. */
  clock: 'virtual' | 'real'
  /** Given, every receipt becomes a delivery to this target, handed to `onWebhook`. */
  onWebhook?: (webhook: FloorWebhook) => void
  /** By default the emulator's caps (`floorCaps`). */
  maxMessages?: number
  maxDeliveries?: number
}

/** The emulator's default caps (config `limits`): 10,000 messages and 20,000 deliveries kept. */
export const floorCaps = { maxMessages: 10_000, maxDeliveries: 20_000 }

export function createFloorModel({
  clock,
  onWebhook,
  maxMessages = floorCaps.maxMessages,
  maxDeliveries = floorCaps.maxDeliveries,
}: FloorOptions) {
  let virtualNow = Date.now()
  const now = clock === 'virtual' ? () => virtualNow : Date.now
  const messages = new Map<string, Message>()
  const deliveries = new Map<string, Delivery>()
  // The oldest key of each by a live iterator, as the emulator's stores find it (OldestKeys,
  // src/core/kernel/oldest-keys.ts): `map.keys().next()` walks past every slot deleted since V8 last
  // compacted the table, about 9 µs a send at the 10,000-message cap — work no store need do.
  let oldestMessage = messages.keys()
  let oldestDelivery = deliveries.keys()
  const queues = [new DelayQueue(0, '7501', 'Submitted'), new DelayQueue(1_500, '7500', 'Delivered')]
  const headers = { 'content-type': 'application/json' }
  let deliveryCount = 0
  let timer: NodeJS.Timeout | undefined
  /** When the timer is due; infinite when none is set. */
  let timerAt = Number.POSITIVE_INFINITY

  let stampAt = Number.NaN
  let stamp = ''
  function timeStamp(at: number): string {
    if (at !== stampAt) {
      stampAt = at
      stamp = new Date(at).toISOString()
    }
    return stamp
  }

  function bad(field: string): never {
    throw new Error(`invalid ${field}`)
  }

  function receipt(queue: DelayQueue, { message, recipient }: Due, at: number): void {
    const timeStampAt = timeStamp(at)
    recipient.receipts.push({ kind: queue.status, code: queue.code, status: queue.status, at, timeStamp: timeStampAt })
    recipient.status = queue.status
    if (!onWebhook) return
    const body = JSON.stringify({
      deliveryInfoNotification: {
        deliveryInfo: {
          deliveryChannel: 'email',
          Description: queue.status,
          destinationType: 'email',
          timeStamp: timeStampAt,
          code: queue.code,
          deliveryStatus: queue.status,
          destination: recipient.address,
          additionalInfo: '',
        },
        correlationid: recipient.correlationId,
        callbackData: message.callbackData,
        transid: message.messageId,
        subtid: '',
      },
    })
    const delivery: Delivery = {
      id: `d_${++deliveryCount}`,
      transid: message.messageId,
      destination: recipient.address,
      event: queue.code,
      body,
      createdAt: at,
      state: 'pending',
      attempts: [],
    }
    if (deliveries.size >= maxDeliveries) deliveries.delete(oldestDelivery.next().value!)
    deliveries.set(delivery.id, delivery)
    onWebhook({ url: 'https://app.test/hooks', headers, body })
    delivery.attempts.push({ number: 1, at, status: 200, latencyMs: 0 })
    delivery.state = 'delivered'
  }

  /** Fires every receipt due by `limit`, in time order (the queues merged). */
  function fireDue(limit: number): void {
    for (;;) {
      let queue: DelayQueue | undefined
      for (const candidate of queues) {
        const due = candidate.next()
        if (due && due.at <= limit && (!queue || due.at < queue.next()!.at)) queue = candidate
      }
      if (!queue) return
      const due = queue.shift()
      if (clock === 'virtual') virtualNow = Math.max(virtualNow, due.at)
      receipt(queue, due, now())
    }
  }

  /**
   * Sets the timer for the earliest receipt due, unless one is set for that time or earlier. A send's
   * Submitted receipt is due before the Delivered one a timer may be waiting for: it moves the timer
   * forward (once a turn — the sends after it are due no earlier), else it waited up to 1.5 s.
   */
  function arm(): void {
    if (clock !== 'real') return
    let next = Number.POSITIVE_INFINITY
    for (const queue of queues) next = Math.min(next, queue.next()?.at ?? next)
    if (next >= timerAt) return
    clearTimeout(timer)
    timerAt = next
    timer = setTimeout(
      () => {
        timer = undefined
        timerAt = Number.POSITIVE_INFINITY
        fireDue(Date.now())
        arm()
      },
      Math.max(0, next - Date.now()),
    )
  }

  return {
    /** POST /v2/messages for an email: the vendor's 201 body, or a throw for a shape it refuses. */
    send(request: unknown) {
      const body = request as Record<string, unknown>
      if (typeof body !== 'object' || body === null || body.channel !== 'email') bad('channel')
      if (typeof body.from !== 'string' || body.from === '') bad('from')
      const content = body.content as Record<string, unknown> | undefined
      if (typeof content !== 'object' || content === null) bad('content')
      if (typeof content.subject !== 'string' || typeof content.text !== 'string') bad('content')
      if (!Array.isArray(body.to) || body.to.length === 0) bad('to')
      const at = now()
      const requestTimestamp = timeStamp(at)
      const recipients: Recipient[] = []
      for (const to of body.to as Array<Record<string, unknown>>) {
        const emails = to?.email
        if (!Array.isArray(emails) || emails.length === 0) bad('to[].email')
        const correlationId = typeof to.correlationId === 'string' ? to.correlationId : ''
        for (const address of emails) {
          if (typeof address !== 'string' || !address.includes('@')) bad('to[].email')
          recipients.push({ address, correlationId, status: 'Queued', receipts: [] })
        }
      }
      const message: Message = {
        messageId: randomUUID(),
        acceptedAt: at,
        requestTimestamp,
        from: body.from,
        callbackData: typeof body.callbackData === 'string' ? body.callbackData : '',
        gtrid: randomUUID(),
        subject: content.subject,
        contentType: String(content.type),
        text: content.text,
        recipients,
      }
      if (messages.size >= maxMessages) messages.delete(oldestMessage.next().value!)
      messages.set(message.messageId, message)
      for (const queue of queues)
        for (const recipient of recipients) queue.push({ at: at + queue.delayMs, message, recipient })
      arm()
      return {
        requestTimestamp,
        messageId: message.messageId,
        correlationId: recipients[0]!.correlationId,
        status: 'queued',
      }
    },

    /** On the virtual clock: fires every queued receipt, moving time to each. */
    runUntilIdle(): void {
      fireDue(Number.POSITIVE_INFINITY)
    },

    reset(): void {
      messages.clear()
      deliveries.clear()
      // Fresh iterators: one kept holds on to the tables V8 made before the clear.
      oldestMessage = messages.keys()
      oldestDelivery = deliveries.keys()
      for (const queue of queues) {
        queue.clear()
      }
    },

    /** How many messages and deliveries are kept (the bench checks the model did its work). */
    kept: () => ({ messages: messages.size, deliveries: deliveries.size }),

    /** The kept messages' ids and deliveries' bodies, oldest first (the tests check what is kept). */
    records: () => ({
      messageIds: [...messages.keys()],
      deliveryBodies: Array.from(deliveries.values(), (delivery) => delivery.body),
    }),
  }
}

/**
 * The headers of the vendor's 201 (recorded; src/http/vendor-json.ts, src/core/kernel/api-meter.ts),
 * which a faithful answer carries: the floor's server and MSW handler send them as the emulator
 * does, the counts made per request.
 */
export function createVendorAnswerHeaders() {
  let remaining = 10_000_000
  return (): Record<string, string> => {
    remaining--
    return {
      'content-type': 'application/json;charset=ISO-8859-1',
      'x-quota-limit-limit': '10000000',
      'x-quota-limit-remaining': String(remaining),
      'x-quota-limit-reset': '2026-12-05T00:00:00.000Z',
      'x-rate-limit-limit': '30',
      'x-rate-limit-remaining': '29',
    }
  }
}
