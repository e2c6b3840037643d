/**
 * @module The webhook outbox: which attempt is due when. The core owns retries, backoff and dead
 * letters on its clock; a transport (src/webhooks/) does the HTTP and reports each result back.
 * Vendor rules: POST, 10 s timeout, 3 retries 60 s apart, and no retry on 202–208, 226, 3xx, 400,
 * 402, 404–411, 414–416, 418 and 505.
 *
 * Guarantees: every delivery ends `delivered` or `failed` with each attempt recorded; at most
 * `concurrencyPerTarget` attempts run per target (the rest wait their turn, so one slow receiver
 * stalls only itself); with `ordering: "per-recipient"` a receipt waits for the previous one to the
 * same recipient and target; on shutdown, whatever could not finish is marked failed as interrupted.
 */
import type { Clock } from './clock.js'
import type { Random } from './ids.js'
import type { FaultsConfig, WebhookFormat } from './schemas/config.js'
import { chance, extraDelay, type FaultName } from './webhook-faults.js'

export interface WebhookRequest {
  url: string
  body: string
  headers: Record<string, string>
  /** When set, the transport signs the body into `x-hub-signature`. */
  hubSecret: string | undefined
  timeoutMs: number
  /** Fault injection: send a wrong `x-hub-signature`. */
  badSignature?: boolean
}

export interface WebhookResult {
  status?: number
  error?: string
  latencyMs: number
  /** The start of what the receiver answered (transports keep at most `maxResponseBodyChars`). */
  responseBody?: string
}

/** How much of a receiver's answer an attempt keeps: enough to see its error message, no more. */
export const maxResponseBodyChars = 1_024

/** Performs one HTTP attempt. Must resolve, never reject: failures are results. */
export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResult>

/** `interrupted`: the emulator shut down while the attempt was in flight. */
export type AttemptVerdict = 'delivered' | 'retry' | 'failed' | 'interrupted'

/** One HTTP attempt of a delivery: the receiver's status or the connection error, and what it led to. */
export interface Attempt {
  number: number
  at: number
  status: number | undefined
  error: string | undefined
  latencyMs: number
  verdict: AttemptVerdict
  /** The start of the receiver's answer, when it sent one. */
  responseBody?: string
  /** Faults injected into this attempt (see webhooks.targets[].faults). */
  faults?: FaultName[]
}

/** Where a delivery stands; `failed` once retries are used up (or it was interrupted). */
export type DeliveryState = 'pending' | 'in-flight' | 'delivered' | 'failed'

/** One webhook POST the emulator owes a target (a receipt or inbound event), with every attempt at it. */
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
  /** Attempt number before the latest replay; retries count from there. */
  replayedAfter: number
  /** Set on the extra copy a `duplicate` fault made. */
  fault?: 'duplicate'
  /** Why it stopped without a verdict of its own (the emulator shut down); its state is then `failed`. */
  interrupted?: string
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
  /** Separate from `random`, so turning faults on leaves retry jitter as it was. */
  faultRandom: Random
  transport: () => WebhookTransport
  policy: () => RetryPolicy
  concurrencyPerTarget: () => number
  ordering: () => 'none' | 'per-recipient'
  /** The faults configured for a delivery's target right now, if any. */
  faultsFor: (target: Delivery['target']) => FaultsConfig | undefined
  maxDeliveries: number
  maxAttemptsPerDelivery: number
  newId: () => string
  onAttempt: (delivery: Delivery, attempt: Attempt) => void
}

type DeliveryFields = Pick<Delivery, 'target' | 'transid' | 'destination' | 'event' | 'body' | 'headers' | 'hubSecret'>

interface Flight {
  token: number
  at: number
  faults: FaultName[]
}

const targetKey = (d: Delivery) => (d.target.targetId ? `target:${d.target.targetId}` : `url:${d.target.url}`)
const orderKey = (d: Delivery) => `${targetKey(d)}\n${d.destination}`

export class Outbox {
  #options: OutboxOptions
  #deliveries = new Map<string, Delivery>()
  #timers = new Map<string, number>()
  #inFlight = 0
  #idleWaiters: Array<() => void> = []
  #evicted = 0
  #evictedAttempts = 0
  #interrupted = 0
  /** Attempts running per target, and deliveries due but waiting for a slot (FIFO). */
  #running = new Map<string, number>()
  #waiting = new Map<string, Delivery[]>()
  /** Per-recipient ordering: unfinished deliveries per recipient and target, oldest first. */
  #chains = new Map<string, Delivery[]>()
  /** Reorder fault: deliveries held back until a later one to the same recipient was attempted. */
  #held = new Map<string, Set<Delivery>>()
  /** Faults already decided for a delivery's next attempt. */
  #nextFaults = new Map<string, FaultName[]>()
  #dropFirst = new Set<string>()
  #flights = new Map<string, Flight>()
  /** Finished deliveries, oldest first, so eviction never re-walks the pending ones. */
  #finished: Delivery[] = []
  #finishedHead = 0
  #nextToken = 1
  #draining = false

  constructor(options: OutboxOptions) {
    this.#options = options
  }

  get inFlight(): number {
    return this.#inFlight
  }

  get evicted(): number {
    return this.#evicted
  }

  get evictedAttempts(): number {
    return this.#evictedAttempts
  }

  get interrupted(): number {
    return this.#interrupted
  }

  enqueue(fields: DeliveryFields): Delivery {
    const faults = this.#options.faultsFor(fields.target)
    const delivery = this.#create(fields)
    this.#admit(delivery, faults)
    if (faults && chance(faults.duplicate, this.#options.faultRandom)) {
      const copy = this.#create(fields)
      copy.fault = 'duplicate'
      this.#admit(copy, faults)
    }
    this.#evictFinished()
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
    if (delivery?.state !== 'failed' || this.#draining) return false
    delivery.state = 'pending'
    delete delivery.interrupted
    delivery.replayedAfter = delivery.attempts.at(-1)?.number ?? 0
    this.#scheduleAttempt(delivery, this.#options.clock.now())
    return true
  }

  /** Forgets the deliveries `predicate` selects, cancelling their scheduled attempts. */
  forget(predicate: (delivery: Delivery) => boolean): void {
    for (const delivery of this.#deliveries.values()) {
      if (!predicate(delivery)) continue
      this.#detach(delivery)
      this.#deliveries.delete(delivery.id)
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
    for (const map of [this.#timers, this.#waiting, this.#chains, this.#held, this.#nextFaults, this.#flights]) map.clear()
    this.#dropFirst.clear()
    this.#deliveries.clear()
    this.#finished = []
    this.#finishedHead = 0
  }

  /** Shutting down: no new attempt starts; those in flight finish and are recorded. */
  drain(): void {
    this.#draining = true
  }

  /**
   * Ends every unfinished delivery as `failed`, with `interrupted` saying why; an attempt still in
   * flight is recorded with verdict `interrupted` (its late result is ignored). Returns how many.
   */
  interrupt(reason: string): number {
    this.#draining = true
    const now = this.#options.clock.now()
    let count = 0
    for (const delivery of this.#deliveries.values()) {
      if (delivery.state !== 'pending' && delivery.state !== 'in-flight') continue
      const flight = this.#flights.get(delivery.id)
      this.#detach(delivery)
      delivery.state = 'failed'
      delivery.nextAttemptAt = undefined
      delivery.interrupted = reason
      this.#finished.push(delivery)
      count++
      if (flight) {
        const attempt = this.#record(delivery, { at: flight.at, status: undefined, error: reason, latencyMs: now - flight.at, verdict: 'interrupted', faults: flight.faults })
        this.#options.onAttempt(delivery, attempt)
      }
    }
    this.#interrupted += count
    return count
  }

  #create(fields: DeliveryFields): Delivery {
    const now = this.#options.clock.now()
    const delivery: Delivery = { ...fields, id: this.#options.newId(), createdAt: now, state: 'pending', nextAttemptAt: now, attempts: [], replayedAfter: 0 }
    this.#deliveries.set(delivery.id, delivery)
    return delivery
  }

  #admit(delivery: Delivery, faults: FaultsConfig | undefined): void {
    const { clock, faultRandom } = this.#options
    const now = clock.now()
    if (delivery.fault === 'duplicate') this.#addFault(delivery, 'duplicate')
    if (faults && chance(faults.dropFirstAttempt, faultRandom)) this.#dropFirst.add(delivery.id)
    // Reorder holds one receipt at a time per recipient, so the next one can overtake it.
    const heldNow = this.#held.get(orderKey(delivery))
    if (faults && !heldNow?.size && chance(faults.reorder, faultRandom)) {
      const key = orderKey(delivery)
      let held = heldNow
      if (!held) this.#held.set(key, (held = new Set()))
      held.add(delivery)
      this.#addFault(delivery, 'reorder')
      delivery.nextAttemptAt = now + faults.reorderHold
      this.#timers.set(delivery.id, clock.schedule(now + faults.reorderHold, () => this.#release(delivery)))
      return
    }
    if (this.#options.ordering() === 'per-recipient') {
      const key = orderKey(delivery)
      let chain = this.#chains.get(key)
      if (!chain) this.#chains.set(key, (chain = []))
      chain.push(delivery)
      if (chain.length > 1) {
        delivery.nextAttemptAt = undefined // waits for the one before it
        return
      }
    }
    this.#scheduleAttempt(delivery, now)
  }

  #addFault(delivery: Delivery, fault: FaultName): void {
    const list = this.#nextFaults.get(delivery.id) ?? []
    if (!list.includes(fault)) list.push(fault)
    this.#nextFaults.set(delivery.id, list)
  }

  /** A held (reordered) delivery goes out now. */
  #release(delivery: Delivery): void {
    const key = orderKey(delivery)
    if (!this.#held.get(key)?.delete(delivery)) return
    const timer = this.#timers.get(delivery.id)
    if (timer !== undefined) this.#options.clock.cancel(timer)
    this.#timers.delete(delivery.id)
    this.#scheduleAttempt(delivery, this.#options.clock.now())
  }

  #scheduleAttempt(delivery: Delivery, at: number): void {
    const faults = this.#options.faultsFor(delivery.target)
    if (faults && (faults.delay > 0 || faults.jitter > 0)) {
      at += extraDelay(faults, this.#options.faultRandom)
      this.#addFault(delivery, 'delay')
    }
    delivery.nextAttemptAt = at
    this.#timers.set(
      delivery.id,
      this.#options.clock.schedule(at, () => {
        this.#timers.delete(delivery.id)
        this.#due(delivery)
      }),
    )
  }

  /** Due now: attempt it if its target has a free slot, else wait in line. */
  #due(delivery: Delivery): void {
    if (this.#draining) return
    const key = targetKey(delivery)
    if ((this.#running.get(key) ?? 0) >= this.#options.concurrencyPerTarget()) {
      let line = this.#waiting.get(key)
      if (!line) this.#waiting.set(key, (line = []))
      line.push(delivery)
      return
    }
    void this.#attempt(delivery)
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const { clock, faultRandom } = this.#options
    const policy = this.#options.policy()
    const key = targetKey(delivery)
    const faults = this.#nextFaults.get(delivery.id) ?? []
    this.#nextFaults.delete(delivery.id)
    if (delivery.fault === 'duplicate') this.#nextFaults.set(delivery.id, ['duplicate'])
    const drop = this.#dropFirst.delete(delivery.id)
    if (drop) faults.push('drop')
    const configured = this.#options.faultsFor(delivery.target)
    const badSignature = !drop && configured !== undefined && chance(configured.badSignature, faultRandom)
    if (badSignature) faults.push('bad-signature')
    const flight: Flight = { token: this.#nextToken++, at: clock.now(), faults }
    this.#flights.set(delivery.id, flight)
    delivery.state = 'in-flight'
    delivery.nextAttemptAt = undefined
    this.#running.set(key, (this.#running.get(key) ?? 0) + 1)
    this.#inFlight++
    let result: WebhookResult
    if (drop) {
      // Awaited like a real send, so a line of dropped attempts never recurses synchronously.
      result = await Promise.resolve({ error: 'dropped on purpose (faults.dropFirstAttempt): not sent', latencyMs: 0 })
    } else {
      try {
        result = await this.#options.transport()({ url: delivery.target.url, body: delivery.body, headers: delivery.headers, hubSecret: delivery.hubSecret, timeoutMs: policy.timeoutMs, badSignature })
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error), latencyMs: 0 }
      }
    }
    // Interrupted or forgotten meanwhile: the attempt is already accounted for.
    if (this.#flights.get(delivery.id) === flight) {
      this.#flights.delete(delivery.id)
      const number = (delivery.attempts.at(-1)?.number ?? 0) + 1
      const attempt = this.#record(delivery, { at: flight.at, status: result.status, error: result.error, latencyMs: result.latencyMs, verdict: verdictFor(result, number - delivery.replayedAfter, policy), faults })
      if (result.responseBody) attempt.responseBody = result.responseBody.slice(0, maxResponseBodyChars)
      if (attempt.verdict === 'retry') {
        delivery.state = 'pending'
        const base = policy.retryDelayMs * policy.backoffFactor ** (number - 1 - delivery.replayedAfter)
        this.#scheduleAttempt(delivery, clock.now() + base * (1 + policy.jitter * this.#options.random()))
      } else {
        delivery.state = attempt.verdict === 'delivered' ? 'delivered' : 'failed'
        this.#finished.push(delivery)
        this.#evictFinished()
        this.#nextFaults.delete(delivery.id)
        this.#advanceChain(delivery)
      }
      this.#releaseHeldBehind(delivery)
      this.#options.onAttempt(delivery, attempt)
    }
    this.#running.set(key, (this.#running.get(key) ?? 1) - 1)
    const next = this.#draining ? undefined : this.#waiting.get(key)?.shift()
    if (next) void this.#attempt(next)
    this.#inFlight--
    if (this.#inFlight === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }

  #record(delivery: Delivery, fields: Omit<Attempt, 'number'>): Attempt {
    const attempt: Attempt = { number: (delivery.attempts.at(-1)?.number ?? 0) + 1, ...fields }
    if (!attempt.faults?.length) delete attempt.faults
    delivery.attempts.push(attempt)
    if (delivery.attempts.length > this.#options.maxAttemptsPerDelivery) {
      delivery.attempts.shift()
      this.#evictedAttempts++
    }
    return attempt
  }

  /** A later receipt to the same recipient has been attempted: reordered ones held before it go now. */
  #releaseHeldBehind(delivery: Delivery): void {
    const held = this.#held.get(orderKey(delivery))
    if (!held || held.has(delivery)) return
    for (const other of [...held]) if (other.createdAt <= delivery.createdAt) this.#release(other)
  }

  /** Per-recipient ordering: a finished delivery lets the next one for its recipient go. */
  #advanceChain(delivery: Delivery): void {
    const key = orderKey(delivery)
    const chain = this.#chains.get(key)
    const index = chain?.indexOf(delivery) ?? -1
    if (!chain || index < 0) return
    chain.splice(index, 1)
    if (chain.length === 0) this.#chains.delete(key)
    else if (index === 0 && !this.#draining) this.#scheduleAttempt(chain[0]!, this.#options.clock.now())
  }

  /** Takes a delivery out of every queue, cancelling its timer. */
  #detach(delivery: Delivery): void {
    const timer = this.#timers.get(delivery.id)
    if (timer !== undefined) this.#options.clock.cancel(timer)
    this.#timers.delete(delivery.id)
    this.#flights.delete(delivery.id)
    this.#nextFaults.delete(delivery.id)
    this.#dropFirst.delete(delivery.id)
    this.#held.get(orderKey(delivery))?.delete(delivery)
    const line = this.#waiting.get(targetKey(delivery))
    const at = line?.indexOf(delivery) ?? -1
    if (at >= 0) line!.splice(at, 1)
    this.#advanceChain(delivery)
  }

  /**
   * Past the cap, forget the oldest finished deliveries; pending ones are never dropped. Entries for
   * deliveries forgotten, or replayed and not yet finished again, are skipped as they come up.
   */
  #evictFinished(): void {
    while (this.#deliveries.size > this.#options.maxDeliveries && this.#finishedHead < this.#finished.length) {
      const delivery = this.#finished[this.#finishedHead++]!
      if (this.#deliveries.get(delivery.id) !== delivery || (delivery.state !== 'delivered' && delivery.state !== 'failed')) continue
      this.#deliveries.delete(delivery.id)
      this.#evicted++
    }
    // Keep the queue's memory bounded: drop the consumed head, and stale entries left by forget().
    if (this.#finishedHead > 1024 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead)
      this.#finishedHead = 0
    }
    if (this.#finished.length > 2 * this.#options.maxDeliveries + 1024) {
      this.#finished = this.#finished.slice(this.#finishedHead).filter((d) => this.#deliveries.get(d.id) === d)
      this.#finishedHead = 0
    }
  }}
