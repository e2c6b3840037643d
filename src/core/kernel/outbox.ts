/**
 * @module The webhook outbox: which attempt is due when. The core owns retries, backoff and dead
 * letters on its clock; a transport (src/webhooks/) does the HTTP and reports each result back.
 * Vendor rules: POST, 10 s timeout, 3 retries 60 s apart, and no retry on the statuses in
 * outbox/retry-policy.ts.
 *
 * Guarantees: every delivery ends `delivered` or `failed` with each attempt recorded; at most
 * `concurrencyPerTarget` attempts run per target (outbox/target-lanes.ts); with `ordering:
 * "per-recipient"` a receipt waits for the previous one to the same recipient and target
 * (outbox/recipient-chains.ts); on shutdown, whatever could not finish is marked failed as interrupted.
 * Configured faults are decided and remembered in outbox/delivery-faults.ts.
 */

import type { FaultsConfig } from '../schemas/config.js'
import { flatten } from './char-codes.js'
import type { Clock } from './clock.js'
import type { Random } from './ids.js'
import type { Attempt, Delivery, DeliveryFields } from './outbox/delivery.js'
import { DeliveryFaults } from './outbox/delivery-faults.js'
import { FinishedDeliveries } from './outbox/finished-deliveries.js'
import { RecipientChains } from './outbox/recipient-chains.js'
import { type RetryPolicy, retryDelay, verdictFor } from './outbox/retry-policy.js'
import { TargetLanes } from './outbox/target-lanes.js'
import {
  checkedResult,
  describeThrown,
  maxResponseBodyChars,
  type WebhookResult,
  type WebhookTransport,
} from './outbox/webhook-transport.js'
import type { FaultName } from './webhook-faults.js'

export type { Attempt, Delivery, DeliveryState } from './outbox/delivery.js'
export { isFinalStatus } from './outbox/retry-policy.js'
export {
  describeThrown,
  maxResponseBodyChars,
  type WebhookRequest,
  type WebhookResult,
  type WebhookTransport,
} from './outbox/webhook-transport.js'

export interface OutboxOptions {
  clock: Clock
  random: Random
  /** Separate from `random`, so turning faults on leaves retry jitter as it was. */
  faultRandom: Random
  transport: () => WebhookTransport
  /** The config's, fixed for the emulator's life. */
  policy: Readonly<RetryPolicy>
  concurrencyPerTarget: number
  ordering: 'none' | 'per-recipient'
  /** The faults configured for a delivery's target right now, if any. */
  faultsFor: (target: Delivery['target']) => FaultsConfig | undefined
  maxDeliveries: number
  /** Characters of request body the remembered deliveries may hold together; past it the oldest finished go. */
  maxDeliveryBodyChars: number
  maxAttemptsPerDelivery: number
  newId: () => string
  onAttempt: (delivery: Delivery, attempt: Attempt) => void
  /**
   * Real milliseconds (the runtime passes `performance.now`), for the latency of an attempt cut off
   * by `interrupt()`, which has no transport result to report it. Without it the outbox clock's
   * difference is used, which a sped-up or hand-moved clock makes emulated milliseconds.
   */
  realNow?: () => number
}

/** The attempt a delivery has in flight; a result is recorded only while its flight is still the delivery's. */
interface Flight {
  at: number
  /** `realNow()` when it started, if the outbox has a real clock. */
  realAt: number | undefined
  faults: FaultName[]
}

export class Outbox {
  #options: OutboxOptions
  #deliveries = new Map<string, Delivery>()
  #timers = new Map<string, number>()
  #inFlight = 0
  /** What `idle()` hands out while attempts are in flight: one promise for every caller until the count is back to 0. */
  #idle: { promise: Promise<void>; resolve: () => void } | undefined
  #evicted = 0
  #evictedAttempts = 0
  #interrupted = 0
  #lanes = new TargetLanes()
  #chains = new RecipientChains()
  #faults: DeliveryFaults
  #flights = new Map<string, Flight>()
  #finished = new FinishedDeliveries()
  /** Characters of body the deliveries in `#deliveries` hold. */
  #bodyChars = 0
  #draining = false

  constructor(options: OutboxOptions) {
    this.#options = options
    this.#faults = new DeliveryFaults(options.faultRandom)
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
    if (this.#faults.duplicates(faults)) {
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
      this.#bodyChars -= delivery.body.length
    }
  }

  /** Resolves once no attempt is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve()
    if (!this.#idle) {
      let resolve!: () => void
      const promise = new Promise<void>((done) => {
        resolve = done
      })
      this.#idle = { promise, resolve }
    }
    return this.#idle.promise
  }

  /** Forgets every delivery and cancels their scheduled attempts; in-flight attempts finish unrecorded. */
  clear(): void {
    for (const id of this.#timers.values()) this.#options.clock.cancel(id)
    this.#timers.clear()
    this.#lanes.clearWaiting()
    this.#chains.clear()
    this.#faults.clear()
    this.#flights.clear()
    this.#deliveries.clear()
    this.#bodyChars = 0
    this.#finished.clear()
  }

  /** Shutting down: no new attempt starts; those in flight finish and are recorded. */
  drain(): void {
    this.#draining = true
  }

  /**
   * Ends every unfinished delivery as `failed`, with `interrupted` saying why; an attempt still in
   * flight is recorded with verdict `interrupted` (its late result is ignored), its latency read on
   * the real clock when the outbox has one. Returns how many.
   */
  interrupt(reason: string): number {
    this.#draining = true
    const now = this.#options.clock.now()
    const realNow = this.#options.realNow?.()
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
        const attempt = this.#record(delivery, {
          at: flight.at,
          status: undefined,
          error: reason,
          latencyMs:
            realNow === undefined || flight.realAt === undefined
              ? now - flight.at
              : Math.round(realNow - flight.realAt),
          verdict: 'interrupted',
          faults: flight.faults,
        })
        this.#options.onAttempt(delivery, attempt)
      }
    }
    this.#interrupted += count
    return count
  }

  #create(fields: DeliveryFields): Delivery {
    const now = this.#options.clock.now()
    // Fields copied one by one, in the order the dispatcher writes them: spreading them cost about a
    // tenth of an in-process send (bench/PROFILE.md). `signingSecret` is always a key (undefined
    // when the delivery has none), so every delivery has one shape.
    const delivery: Delivery = {
      transid: fields.transid,
      channel: fields.channel,
      destination: fields.destination,
      event: fields.event,
      target: fields.target,
      // Kept for as long as the delivery is remembered: flat, not the rope JSON.stringify answers.
      body: flatten(fields.body),
      headers: fields.headers,
      hubSecret: fields.hubSecret,
      hubSignature: fields.hubSignature,
      signingSecret: fields.signingSecret,
      id: this.#options.newId(),
      createdAt: now,
      state: 'pending',
      nextAttemptAt: now,
      attempts: [],
      replayedAfter: 0,
    }
    this.#deliveries.set(delivery.id, delivery)
    this.#bodyChars += delivery.body.length
    return delivery
  }

  #admit(delivery: Delivery, faults: FaultsConfig | undefined): void {
    const { clock } = this.#options
    const now = clock.now()
    const hold = this.#faults.admit(delivery, faults)
    if (hold !== undefined) {
      delivery.nextAttemptAt = now + hold
      this.#timers.set(
        delivery.id,
        clock.schedule(now + hold, () => this.#release(delivery)),
      )
      return
    }
    if (this.#options.ordering === 'per-recipient' && !this.#chains.join(delivery)) {
      delivery.nextAttemptAt = undefined // waits for the one before it
      return
    }
    this.#scheduleAttempt(delivery, now)
  }

  /** A held (reordered) delivery goes out now. */
  #release(delivery: Delivery): void {
    if (!this.#faults.release(delivery)) return
    const timer = this.#timers.get(delivery.id)
    if (timer !== undefined) this.#options.clock.cancel(timer)
    this.#timers.delete(delivery.id)
    this.#scheduleAttempt(delivery, this.#options.clock.now())
  }

  #scheduleAttempt(delivery: Delivery, at: number): void {
    at += this.#faults.delay(delivery, this.#options.faultsFor(delivery.target))
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
    if (this.#lanes.admit(delivery, this.#options.concurrencyPerTarget)) void this.#attempt(delivery)
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const { clock } = this.#options
    const policy = this.#options.policy
    const { faults, drop, badSignature } = this.#faults.forAttempt(delivery, this.#options.faultsFor(delivery.target))
    const flight: Flight = { at: clock.now(), realAt: this.#options.realNow?.(), faults }
    this.#flights.set(delivery.id, flight)
    delivery.state = 'in-flight'
    delivery.nextAttemptAt = undefined
    this.#lanes.start(delivery)
    this.#inFlight++
    let result: WebhookResult
    if (drop) {
      // Awaited like a real send, so a line of dropped attempts never recurses synchronously.
      result = await Promise.resolve({ error: 'dropped on purpose (faults.dropFirstAttempt): not sent', latencyMs: 0 })
    } else {
      try {
        const answer: unknown = await this.#options.transport()({
          id: delivery.id,
          url: delivery.target.url,
          body: delivery.body,
          headers: delivery.headers,
          hubSecret: delivery.hubSecret,
          hubSignature: delivery.hubSignature,
          signingSecret: delivery.signingSecret,
          timeoutMs: policy.timeoutMs,
          badSignature,
        })
        result = checkedResult(answer)
      } catch (error) {
        result = { error: describeThrown(error), latencyMs: 0 }
      }
    }
    try {
      this.#settle(delivery, flight, result)
    } finally {
      // Whatever happened above, the slot and the in-flight count are given back: a slot kept would
      // stop the target's line, and a count kept would keep every runUntilIdle() waiting.
      this.#lanes.finish(delivery)
      const next = this.#draining ? undefined : this.#lanes.next(delivery)
      if (next) void this.#attempt(next)
      this.#inFlight--
      if (this.#inFlight === 0 && this.#idle) {
        const { resolve } = this.#idle
        this.#idle = undefined
        resolve()
      }
    }
  }

  /** Records an attempt's result and decides what comes next: a retry, or the delivery's end. */
  #settle(delivery: Delivery, flight: Flight, result: WebhookResult): void {
    const { clock, policy } = this.#options
    const { faults } = flight
    // Interrupted or forgotten meanwhile: the attempt is already accounted for.
    if (this.#flights.get(delivery.id) === flight) {
      this.#flights.delete(delivery.id)
      const number = (delivery.attempts.at(-1)?.number ?? 0) + 1
      const attempt = this.#record(delivery, {
        at: flight.at,
        status: result.status,
        error: result.error,
        latencyMs: result.latencyMs,
        verdict: verdictFor(result, number - delivery.replayedAfter, policy),
        faults,
      })
      if (result.responseBody) attempt.responseBody = result.responseBody.slice(0, maxResponseBodyChars)
      if (attempt.verdict === 'retry') {
        delivery.state = 'pending'
        this.#scheduleAttempt(
          delivery,
          clock.now() + retryDelay(policy, number - delivery.replayedAfter, this.#options.random),
        )
      } else {
        delivery.state = attempt.verdict === 'delivered' ? 'delivered' : 'failed'
        this.#finished.push(delivery)
        this.#evictFinished()
        this.#faults.finished(delivery)
        this.#advanceChain(delivery)
      }
      // A later receipt to the same recipient has been attempted: reordered ones held before it go now.
      for (const held of this.#faults.heldBefore(delivery)) this.#release(held)
      this.#options.onAttempt(delivery, attempt)
    }
  }

  #record(delivery: Delivery, fields: Omit<Attempt, 'number'>): Attempt {
    // Written out, in the same key order, rather than spread and then `delete`d: a deleted key turns
    // the object into a slow dictionary, and every send records two attempts (bench/PROFILE.md).
    const attempt: Attempt = {
      number: (delivery.attempts.at(-1)?.number ?? 0) + 1,
      at: fields.at,
      status: fields.status,
      error: fields.error,
      latencyMs: fields.latencyMs,
      verdict: fields.verdict,
    }
    if (fields.faults?.length) attempt.faults = fields.faults
    delivery.attempts.push(attempt)
    if (delivery.attempts.length > this.#options.maxAttemptsPerDelivery) {
      delivery.attempts.shift()
      this.#evictedAttempts++
    }
    return attempt
  }

  /** Per-recipient ordering: a finished delivery lets the next one for its recipient go. */
  #advanceChain(delivery: Delivery): void {
    const next = this.#chains.leave(delivery)
    if (next && !this.#draining) this.#scheduleAttempt(next, this.#options.clock.now())
  }

  /** Takes a delivery out of every queue, cancelling its timer. */
  #detach(delivery: Delivery): void {
    const timer = this.#timers.get(delivery.id)
    if (timer !== undefined) this.#options.clock.cancel(timer)
    this.#timers.delete(delivery.id)
    this.#flights.delete(delivery.id)
    this.#faults.forget(delivery)
    this.#lanes.remove(delivery)
    this.#advanceChain(delivery)
  }

  /** Past either cap, forget the oldest finished deliveries; pending ones are never dropped. */
  #evictFinished(): void {
    this.#evicted += this.#finished.evict(this.#deliveries, this.#overCap, this.#evictedOne)
  }

  // Made once rather than at every eviction check (two a delivery): closures are garbage too.
  #overCap = (): boolean =>
    this.#deliveries.size > this.#options.maxDeliveries || this.#bodyChars > this.#options.maxDeliveryBodyChars
  #evictedOne = (delivery: Delivery): void => {
    this.#bodyChars -= delivery.body.length
  }
}
