/**
 * @module Eviction of finished deliveries past `limits.maxDeliveries`, oldest first. Pending ones are
 * never dropped, and eviction never re-walks them.
 */
import { Fifo } from '../fifo.js'
import type { Delivery } from './delivery.js'

export class FinishedDeliveries {
  /** Finished deliveries in the order they finished, those already looked at taken off. */
  #queue = new Fifo<Delivery>()

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
    while (over()) {
      const delivery = this.#queue.shift()
      if (delivery === undefined) break
      if (deliveries.get(delivery.id) !== delivery || (delivery.state !== 'delivered' && delivery.state !== 'failed'))
        continue
      deliveries.delete(delivery.id)
      removed(delivery)
      evicted++
    }
    // Keep the queue's memory bounded: drop stale entries left by forget() and replays.
    if (this.#queue.size > 2 * deliveries.size + 1024) this.#queue.retain((d) => deliveries.get(d.id) === d)
    return evicted
  }

  clear(): void {
    this.#queue.clear()
  }
}
