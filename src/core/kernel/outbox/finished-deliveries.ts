/**
 * @module Eviction of finished deliveries past `limits.maxDeliveries`, oldest first. Pending ones are
 * never dropped, and eviction never re-walks them.
 */
import type { Delivery } from './delivery.js'

export class FinishedDeliveries {
  /** Finished deliveries in the order they finished; `#head` marks the ones already looked at. */
  #queue: Delivery[] = []
  #head = 0

  push(delivery: Delivery): void {
    this.#queue.push(delivery)
  }

  /**
   * While `over()` holds, removes the oldest finished deliveries from `deliveries` (telling
   * `removed`) and returns how many. Entries for deliveries forgotten, or replayed and not yet
   * finished again, are skipped as they come up.
   */
  evict(deliveries: Map<string, Delivery>, over: () => boolean, removed: (delivery: Delivery) => void): number {
    let evicted = 0
    while (over() && this.#head < this.#queue.length) {
      const delivery = this.#queue[this.#head++]!
      if (deliveries.get(delivery.id) !== delivery || (delivery.state !== 'delivered' && delivery.state !== 'failed'))
        continue
      deliveries.delete(delivery.id)
      removed(delivery)
      evicted++
    }
    // Keep the queue's memory bounded: drop the consumed head, and stale entries left by forget().
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head)
      this.#head = 0
    }
    if (this.#queue.length > 2 * deliveries.size + 1024) {
      this.#queue = this.#queue.slice(this.#head).filter((d) => deliveries.get(d.id) === d)
      this.#head = 0
    }
    return evicted
  }

  clear(): void {
    this.#queue = []
    this.#head = 0
  }
}
