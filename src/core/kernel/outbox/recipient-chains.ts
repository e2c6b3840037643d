/**
 * @module Per-recipient ordering (`ordering: "per-recipient"`): a delivery waits for the previous one
 * to the same recipient and target to finish.
 */
import { type Delivery, orderKey } from './delivery.js'

export class RecipientChains {
  /** Unfinished deliveries per recipient and target, oldest first. */
  #chains = new Map<string, Delivery[]>()

  /** Adds a delivery to the end of its chain. True when it is first and may go now; false when it waits. */
  join(delivery: Delivery): boolean {
    const key = orderKey(delivery)
    let chain = this.#chains.get(key)
    if (!chain) this.#chains.set(key, (chain = []))
    chain.push(delivery)
    return chain.length === 1
  }

  /** Takes a finished (or forgotten) delivery out of its chain; returns the one that may go now in its place, if any. */
  leave(delivery: Delivery): Delivery | undefined {
    if (this.#chains.size === 0) return undefined // no ordering, or nothing waiting: no key to build
    const key = orderKey(delivery)
    const chain = this.#chains.get(key)
    const index = chain?.indexOf(delivery) ?? -1
    if (!chain || index < 0) return undefined
    chain.splice(index, 1)
    if (chain.length === 0) this.#chains.delete(key)
    else if (index === 0) return chain[0]
    return undefined
  }

  clear(): void {
    this.#chains.clear()
  }
}
