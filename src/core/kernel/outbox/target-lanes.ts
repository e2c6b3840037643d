/**
 * @module Per-target concurrency: at most `concurrencyPerTarget` attempts run per target and the rest
 * wait their turn in line, so one slow receiver stalls only itself.
 */
import { Fifo } from '../fifo.js'
import { type Delivery, targetKey } from './delivery.js'

export class TargetLanes {
  /**
   * Attempts running per target. A target's entries go once it has nothing running and nothing
   * waiting: a notifyUrl is a target of its own, and a server sent a new one with each message
   * would otherwise keep one entry per URL it ever saw.
   */
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
    const left = (this.#running.get(key) ?? 1) - 1
    if (left > 0) this.#running.set(key, left)
    else this.#running.delete(key)
  }

  /** Takes the first delivery waiting at the same target as `delivery`, if any; the caller hands it the freed slot. */
  next(delivery: Delivery): Delivery | undefined {
    const key = targetKey(delivery)
    const line = this.#waiting.get(key)
    if (!line) return undefined
    const first = line.shift()
    if (line.size === 0) this.#waiting.delete(key)
    return first
  }

  /** Takes a delivery out of its target's line. */
  remove(delivery: Delivery): void {
    const key = targetKey(delivery)
    const line = this.#waiting.get(key)
    if (line?.remove(delivery) && line.size === 0) this.#waiting.delete(key)
  }

  /** How many targets it keeps a count or a line for: only those with an attempt running or waiting. */
  get tracked(): number {
    let count = this.#running.size
    for (const key of this.#waiting.keys()) if (!this.#running.has(key)) count++
    return count
  }

  /** Empties every line; running counts stay, since attempts in flight still end and free their slots. */
  clearWaiting(): void {
    this.#waiting.clear()
  }
}
