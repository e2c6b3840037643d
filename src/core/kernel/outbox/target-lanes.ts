/**
 * @module Per-target concurrency: at most `concurrencyPerTarget` attempts run per target and the rest
 * wait their turn in line, so one slow receiver stalls only itself.
 */
import { type Delivery, targetKey } from './delivery.js'

/**
 * One target's line, first in first out. Taking the first is O(1) however long the line: a head
 * index moves, and the array is compacted once the taken part is as long as the rest. `Array#shift`
 * copied the whole line each time once it was long (V8 cannot move the start of an array that
 * large): with receipts due faster than a target's slots free up, that was about 40 µs a webhook on
 * the server (bench/PROFILE.md).
 */
class Line {
  #items: Array<Delivery | undefined> = []
  #head = 0

  push(delivery: Delivery): void {
    this.#items.push(delivery)
  }

  shift(): Delivery | undefined {
    while (this.#head < this.#items.length) {
      const delivery = this.#items[this.#head]
      this.#items[this.#head++] = undefined
      if (delivery) {
        if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
          this.#items = this.#items.slice(this.#head)
          this.#head = 0
        }
        return delivery
      }
    }
    this.#items = []
    this.#head = 0
    return undefined
  }

  /** Takes `delivery` out of the line, leaving a gap that `shift` steps over. */
  remove(delivery: Delivery): void {
    const at = this.#items.indexOf(delivery, this.#head)
    if (at >= 0) this.#items[at] = undefined
  }
}

export class TargetLanes {
  /** Attempts running per target. */
  #running = new Map<string, number>()
  /** Deliveries due but waiting for a slot, per target (FIFO). */
  #waiting = new Map<string, Line>()

  /** True when the delivery's target has a slot free; otherwise it joins the end of the target's line. */
  admit(delivery: Delivery, limit: number): boolean {
    const key = targetKey(delivery)
    if ((this.#running.get(key) ?? 0) < limit) return true
    let line = this.#waiting.get(key)
    if (!line) this.#waiting.set(key, (line = new Line()))
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
