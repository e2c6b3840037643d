/**
 * @module Per-target concurrency: at most `concurrencyPerTarget` attempts run per target and the rest
 * wait their turn in line, so one slow receiver stalls only itself.
 */
import { Fifo } from '../fifo.js'
import { type Delivery, targetKey } from './delivery.js'

export class TargetLanes {
  /** Attempts running per target. */
  #running = new Map<string, number>()
  /**
   * Deliveries due but waiting for a slot, per target. A `Fifo`, not an array: with receipts due
   * faster than a target's slots free up, the line is thousands long, and `Array#shift` copied it
   * for every webhook (about 40 µs each on the server, bench/PROFILE.md).
   */
  #waiting = new Map<string, Fifo<Delivery>>()

  /** True when the delivery's target has a slot free; otherwise it joins the end of the target's line. */
  admit(delivery: Delivery, limit: number): boolean {
    const key = targetKey(delivery)
    if ((this.#running.get(key) ?? 0) < limit) return true
    let line = this.#waiting.get(key)
    if (!line) this.#waiting.set(key, (line = new Fifo()))
    line.push(delivery)
    return false
  }

  /** An attempt takes one of its target's slots. */
  start(delivery: Delivery): void {
    const key = targetKey(delivery)
    this.#running.set(key, (this.#running.get(key) ?? 0) + 1)
  }

  /** An attempt ended: its slot is free again. */
  finish(delivery: Delivery): void {
    const key = targetKey(delivery)
    this.#running.set(key, (this.#running.get(key) ?? 1) - 1)
  }

  /** Takes the first delivery waiting at the same target as `delivery`, if any; the caller hands it the freed slot. */
  next(delivery: Delivery): Delivery | undefined {
    return this.#waiting.get(targetKey(delivery))?.shift()
  }

  /** Takes a delivery out of its target's line. */
  remove(delivery: Delivery): void {
    this.#waiting.get(targetKey(delivery))?.remove(delivery)
  }

  /** Empties every line; running counts stay, since attempts in flight still end and free their slots. */
  clearWaiting(): void {
    this.#waiting.clear()
  }
}
