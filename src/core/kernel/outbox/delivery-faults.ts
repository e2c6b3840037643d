/**
 * @module Which configured faults (webhooks.targets[].faults) hit a delivery and its attempts, and
 * what is remembered until they take effect: deliveries held back to be overtaken (reorder), faults
 * already decided for the next attempt, and deliveries whose first attempt is dropped. Every draw
 * uses the fault randomness, so turning faults on leaves retry jitter as it was.
 */

import type { FaultsConfig } from '../../schemas/config.js'
import type { Random } from '../ids.js'
import { chance, extraDelay, type FaultName } from '../webhook-faults.js'
import { type Delivery, orderKey } from './delivery.js'

/** What the next attempt of a delivery meets. */
export interface AttemptFaults {
  faults: FaultName[]
  /** Not sent at all: the attempt fails as if the receiver never answered. */
  drop: boolean
  badSignature: boolean
}

const none: readonly Delivery[] = Object.freeze([])
/** Frozen, and its list too: the caller records `faults` as it is, and an empty list is never written to. */
const noFaults: AttemptFaults = Object.freeze({
  faults: Object.freeze([]) as unknown as FaultName[],
  drop: false,
  badSignature: false,
})

export class DeliveryFaults {
  #random: Random
  /** Reorder fault: deliveries held back until a later one to the same recipient was attempted. */
  #held = new Map<string, Set<Delivery>>()
  /** Faults already decided for a delivery's next attempt. */
  #next = new Map<string, FaultName[]>()
  #dropFirst = new Set<string>()

  constructor(random: Random) {
    this.#random = random
  }

  /** Whether a new delivery gets a duplicate copy. */
  duplicates(faults: FaultsConfig | undefined): boolean {
    return faults !== undefined && chance(faults.duplicate, this.#random)
  }

  /**
   * Decides the faults a new delivery meets before its first attempt. Returns how long it is held
   * back when the reorder fault hit it (the caller schedules its release), else undefined.
   */
  admit(delivery: Delivery, faults: FaultsConfig | undefined): number | undefined {
    if (!faults) return undefined
    if (chance(faults.dropFirstAttempt, this.#random)) this.#dropFirst.add(delivery.id)
    // Reorder holds one receipt at a time per recipient, so the next one can overtake it.
    const key = orderKey(delivery)
    const heldNow = this.#held.get(key)
    if (!heldNow?.size && chance(faults.reorder, this.#random)) {
      let held = heldNow
      if (!held) this.#held.set(key, (held = new Set()))
      held.add(delivery)
      this.#mark(delivery, 'reorder')
      return faults.reorderHold
    }
    return undefined
  }

  /** Extra milliseconds before the delivery's next attempt (the delay fault), 0 when none. */
  delay(delivery: Delivery, faults: FaultsConfig | undefined): number {
    if (!faults || !(faults.delay > 0 || faults.jitter > 0)) return 0
    const extra = extraDelay(faults, this.#random)
    this.#mark(delivery, 'delay')
    return extra
  }

  /** Takes the faults decided for the attempt starting now, and decides a bad signature. */
  forAttempt(delivery: Delivery, faults: FaultsConfig | undefined): AttemptFaults {
    // The common case, no fault configured or decided, answers without allocating.
    if (faults === undefined && delivery.fault === undefined && this.#next.size === 0 && this.#dropFirst.size === 0)
      return noFaults
    const decided = this.#next.get(delivery.id) ?? []
    this.#next.delete(delivery.id)
    // The extra copy a duplicate fault made says so, first, on every attempt: its retries and a
    // replay's attempts too, whatever the target's faults are by then.
    if (delivery.fault === 'duplicate') decided.unshift('duplicate')
    const drop = this.#dropFirst.delete(delivery.id)
    if (drop) decided.push('drop')
    const badSignature = !drop && faults !== undefined && chance(faults.badSignature, this.#random)
    if (badSignature) decided.push('bad-signature')
    return { faults: decided, drop, badSignature }
  }

  /** Takes a held delivery out of hold. False when it was not held (already released or forgotten). */
  release(delivery: Delivery): boolean {
    if (this.#held.size === 0) return false
    const key = orderKey(delivery)
    const held = this.#held.get(key)
    if (!held?.delete(delivery)) return false
    // An empty set goes: one per recipient ever held back would otherwise stay for good.
    if (held.size === 0) this.#held.delete(key)
    return true
  }

  /** A later delivery to the same recipient has been attempted: the held ones created before it, to release now. */
  heldBefore(delivery: Delivery): readonly Delivery[] {
    if (this.#held.size === 0) return none
    const held = this.#held.get(orderKey(delivery))
    if (!held || held.has(delivery)) return none
    return [...held].filter((other) => other.createdAt <= delivery.createdAt)
  }

  /** The delivery finished: nothing is decided for a next attempt. */
  finished(delivery: Delivery): void {
    this.#next.delete(delivery.id)
  }

  /** Forgets everything remembered about a delivery. */
  forget(delivery: Delivery): void {
    this.#next.delete(delivery.id)
    this.#dropFirst.delete(delivery.id)
    this.release(delivery)
  }

  /** How many recipients have a delivery held back now (the reorder fault). */
  get holding(): number {
    return this.#held.size
  }

  clear(): void {
    this.#held.clear()
    this.#next.clear()
    this.#dropFirst.clear()
  }

  #mark(delivery: Delivery, fault: FaultName): void {
    const list = this.#next.get(delivery.id) ?? []
    if (!list.includes(fault)) list.push(fault)
    this.#next.set(delivery.id, list)
  }
}
