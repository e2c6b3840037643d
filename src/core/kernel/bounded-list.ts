/**
 * @module A list that keeps its newest `max` items, oldest first: the logs the emulator keeps up to
 * a limit (inbound events, what users wrote in). Adding is O(1) however long the list is allowed
 * to be: the oldest leave through a `Fifo` (fifo.ts), which never copies the list to drop one.
 */
import { Fifo } from './fifo.js'

export class BoundedList<T> {
  #items = new Fifo<T>()
  readonly #max: number

  constructor(max: number) {
    this.#max = max
  }

  /** Adds `item` as the newest; returns whether it dropped the oldest to stay within `max`. */
  push(item: T): boolean {
    this.#items.push(item)
    if (this.#items.size <= this.#max) return false
    this.#items.shift()
    return true
  }

  get size(): number {
    return this.#items.size
  }

  /** The items, oldest first, as a new array. */
  toArray(): T[] {
    return this.#items.toArray()
  }

  /** Every item, oldest first, without copying. */
  [Symbol.iterator](): IterableIterator<T> {
    return this.#items[Symbol.iterator]()
  }

  clear(): void {
    this.#items.clear()
  }
}
