/**
 * @module A first-in, first-out queue whose `shift` is O(1) however long it is: a head index moves
 * instead of the array, and the array is compacted once the part behind the head is as long as the
 * rest. `Array#shift` copies the whole array once it is large (V8 cannot move the start of an
 * array that size): about 250 µs a call at 100,000 items on Node 20, and about 40 µs a webhook
 * when a target's line was long (bench/PROFILE.md). An item can also be taken out from the middle,
 * leaving a gap that `shift` and iteration step over.
 *
 * Used for the logs kept up to a cap (bounded-list.ts), a webhook target's waiting line and the
 * finished deliveries in eviction order (outbox/).
 */
/** What a taken or removed item's slot holds, so any value (`undefined` too) can be queued. */
const gap: unique symbol = Symbol('gap')

export class Fifo<T> {
  #items: Array<T | typeof gap> = []
  #head = 0
  /** Slots emptied by `remove` between the head and the end. */
  #gaps = 0

  get size(): number {
    return this.#items.length - this.#head - this.#gaps
  }

  push(item: T): void {
    this.#items.push(item)
  }

  /** Takes the oldest item, if any. */
  shift(): T | undefined {
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head]!
      // Let the item go now, not at the next compaction.
      this.#items[this.#head++] = gap
      if (item === gap) {
        this.#gaps--
        continue
      }
      this.#compact()
      return item
    }
    this.clear()
    return undefined
  }

  /** Takes `item` out wherever it is, leaving a gap. False when it is not in the queue. */
  remove(item: T): boolean {
    const at = this.#items.indexOf(item, this.#head)
    if (at < 0) return false
    this.#items[at] = gap
    this.#gaps++
    return true
  }

  /** Keeps only the items `keep` accepts, in order, and closes every gap. */
  retain(keep: (item: T) => boolean): void {
    const kept: T[] = []
    for (const item of this) if (keep(item)) kept.push(item)
    this.#items = kept
    this.#head = 0
    this.#gaps = 0
  }

  /** The items, oldest first, as a new array. */
  toArray(): T[] {
    return [...this]
  }

  /** Every item, oldest first, without copying. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) {
      const item = this.#items[i]!
      if (item !== gap) yield item
    }
  }

  clear(): void {
    this.#items = []
    this.#head = 0
    this.#gaps = 0
  }

  #compact(): void {
    if (this.#head < this.#items.length - this.#head) return
    this.#items = this.#items.slice(this.#head)
    this.#head = 0
  }
}
