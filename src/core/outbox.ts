/**
 * @module The webhook outbox: which attempt is due when. The core owns retries, backoff and dead
 * letters on its clock; a transport (src/webhooks/) does the HTTP and reports each result back.
 * Vendor rules: POST, 10 s timeout, 3 retries 60 s apart, and no retry on 202–208, 226, 3xx, 400,
 * 402, 404–411, 414–416, 418 and 505.
 */
import type { Clock } from './clock.js'
import type { Random } from './ids.js'
import type { WebhookFormat } from './schemas/config.js'

export interface WebhookRequest {
  url: string
  body: string
  headers: Record<string, string>
  /** When set, the transport signs the body into `x-hub-signature`. */
  hubSecret: string | undefined
  timeoutMs: number
}

export interface WebhookResult {
  status?: number
  error?: string
  latencyMs: number
}

/** Performs one HTTP attempt. Must resolve, never reject: failures are results. */
export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResult>

export type AttemptVerdict = 'delivered' | 'retry' | 'failed'

export interface Attempt {
  number: number
  at: number
  status: number | undefined
  error: string | undefined
  latencyMs: number
  verdict: AttemptVerdict
}

export type DeliveryState = 'pending' | 'in-flight' | 'delivered' | 'failed'

export interface Delivery {
  id: string
  /** The request's own notifyUrl, or a service-level target (with its id). */
  target: { url: string; format: WebhookFormat; source: 'notifyUrl' | 'target'; targetId?: string }
  transid: string
  destination: string
  /** What the payload is: a receipt code (e.g. "7500") or an inbound event name. */
  event: string
  body: string
  headers: Record<string, string>
  hubSecret: string | undefined
  createdAt: number
  state: DeliveryState
  nextAttemptAt: number | undefined
  attempts: Attempt[]
  /** Attempts before the latest replay; retries count from there. */
  replayedAfter: number
}

export interface RetryPolicy {
  timeoutMs: number
  retries: number
  retryDelayMs: number
  backoffFactor: number
  jitter: number
}

/** Vendor: statuses the platform does not retry. 2xx among them count as delivered. */
export function isFinalStatus(status: number): boolean {
  return (
    (status >= 200 && status < 300) ||
    (status >= 300 && status < 400) ||
    status === 400 ||
    status === 402 ||
    (status >= 404 && status <= 411) ||
    (status >= 414 && status <= 416) ||
    status === 418 ||
    status === 505
  )
}

export function verdictFor(result: WebhookResult, attemptNumber: number, policy: RetryPolicy): AttemptVerdict {
  if (result.status !== undefined && result.status >= 200 && result.status < 300) return 'delivered'
  if (result.status !== undefined && isFinalStatus(result.status)) return 'failed'
  return attemptNumber > policy.retries ? 'failed' : 'retry'
}

export interface OutboxOptions {
  clock: Clock
  random: Random
  transport: () => WebhookTransport
  policy: () => RetryPolicy
  maxDeliveries: number
  newId: () => string
  onAttempt: (delivery: Delivery, attempt: Attempt) => void
}

export class Outbox {
  #options: OutboxOptions
  #deliveries = new Map<string, Delivery>()
  #timers = new Map<string, number>()
  #inFlight = 0
  #idleWaiters: Array<() => void> = []
  #evicted = 0

  constructor(options: OutboxOptions) {
    this.#options = options
  }

  get inFlight(): number {
    return this.#inFlight
  }

  get evicted(): number {
    return this.#evicted
  }

  enqueue(fields: Pick<Delivery, 'target' | 'transid' | 'destination' | 'event' | 'body' | 'headers' | 'hubSecret'>): Delivery {
    const now = this.#options.clock.now()
    const delivery: Delivery = { ...fields, id: this.#options.newId(), createdAt: now, state: 'pending', nextAttemptAt: now, attempts: [], replayedAfter: 0 }
    this.#deliveries.set(delivery.id, delivery)
    this.#evictFinished()
    this.#scheduleAttempt(delivery, now)
    return delivery
  }

  list(): Delivery[] {
    return [...this.#deliveries.values()]
  }

  get(id: string): Delivery | undefined {
    return this.#deliveries.get(id)
  }

  /** Sends a failed delivery again, with a fresh set of retries. False unless it had failed. */
  replay(id: string): boolean {
    const delivery = this.#deliveries.get(id)
    if (delivery?.state !== 'failed') return false
    delivery.state = 'pending'
    delivery.replayedAfter = delivery.attempts.length
    this.#scheduleAttempt(delivery, this.#options.clock.now())
    return true
  }

  /** Forgets the deliveries `predicate` selects, cancelling their scheduled attempts. */
  forget(predicate: (delivery: Delivery) => boolean): void {
    for (const [id, delivery] of this.#deliveries) {
      if (!predicate(delivery)) continue
      const timer = this.#timers.get(id)
      if (timer !== undefined) this.#options.clock.cancel(timer)
      this.#timers.delete(id)
      this.#deliveries.delete(id)
    }
  }

  /** Resolves once no attempt is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  /** Forgets every delivery and cancels their scheduled attempts; in-flight attempts finish unrecorded. */
  clear(): void {
    for (const id of this.#timers.values()) this.#options.clock.cancel(id)
    this.#timers.clear()
    this.#deliveries.clear()
  }

  #scheduleAttempt(delivery: Delivery, at: number): void {
    delivery.nextAttemptAt = at
    this.#timers.set(
      delivery.id,
      this.#options.clock.schedule(at, () => {
        this.#timers.delete(delivery.id)
        void this.#attempt(delivery)
      }),
    )
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const { clock } = this.#options
    const policy = this.#options.policy()
    const startedAt = clock.now()
    delivery.state = 'in-flight'
    delivery.nextAttemptAt = undefined
    this.#inFlight++
    let result: WebhookResult
    try {
      result = await this.#options.transport()({ url: delivery.target.url, body: delivery.body, headers: delivery.headers, hubSecret: delivery.hubSecret, timeoutMs: policy.timeoutMs })
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error), latencyMs: 0 }
    }
    const attempt: Attempt = {
      number: delivery.attempts.length + 1,
      at: startedAt,
      status: result.status,
      error: result.error,
      latencyMs: result.latencyMs,
      verdict: verdictFor(result, delivery.attempts.length + 1 - delivery.replayedAfter, policy),
    }
    delivery.attempts.push(attempt)
    if (attempt.verdict === 'retry') {
      delivery.state = 'pending'
      const base = policy.retryDelayMs * policy.backoffFactor ** (attempt.number - 1 - delivery.replayedAfter)
      this.#scheduleAttempt(delivery, clock.now() + base * (1 + policy.jitter * this.#options.random()))
    } else {
      delivery.state = attempt.verdict
    }
    this.#options.onAttempt(delivery, attempt)
    this.#inFlight--
    if (this.#inFlight === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }

  /** Past the cap, forget the oldest finished deliveries; pending ones are never dropped. */
  #evictFinished(): void {
    if (this.#deliveries.size <= this.#options.maxDeliveries) return
    for (const [id, delivery] of this.#deliveries) {
      if (this.#deliveries.size <= this.#options.maxDeliveries) return
      if (delivery.state === 'delivered' || delivery.state === 'failed') {
        this.#deliveries.delete(id)
        this.#evicted++
      }
    }
  }
}
