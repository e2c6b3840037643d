/**
 * @module Forgetting a Map's oldest entries past a cap, for the caches and stores that keep their
 * newest entries up to a limit (messages, idempotency keys, frequency-cap counters, conversation
 * windows). A Map keeps insertion order, so its first key is the oldest, but `map.keys().next()`
 * finds it by walking from the table's first slot past every entry deleted since V8 last compacted
 * the table: at a cap of 10,000, evicting one entry per add, that walk cost about 9 µs an add (15 µs
 * at 20,000; measured on Node 20, bench/PROFILE.md). A Map iterator is live — it skips entries
 * deleted after it was made and reaches entries added after it — so one iterator kept from one
 * eviction to the next walks past each deleted slot once.
 *
 * Kept only so long: an iterator holds on to the table it last read, and that table to every table
 * V8 made after it (growing, compacting, clearing), entries and all, until the iterator moves again.
 * An eviction moves it onto the current table. Other changes — a refresh (delete, then set) of a key
 * already there, a delete — are allowed up to the map's size in a row before the iterator is dropped:
 * V8 makes a new table only after about that many inserts, so at most a table or two is held, and a
 * cache whose traffic mixes refreshes with new keys keeps its O(1) eviction. After clearing or
 * forgetting many entries at once, `release()` drops it at once, so what they held can go. Owners
 * call `trim` after every change they make.
 */
export class OldestKeys<K> {
  readonly #map: Map<K, unknown>
  #cursor: Iterator<K> | undefined
  /** Changes in a row, since the last eviction, that evicted nothing. */
  #idle = 0

  constructor(map: Map<K, unknown>) {
    this.#map = map
  }

  /** Deletes the oldest entries while the map holds more than `max`; returns how many it deleted. */
  trim(max: number): number {
    let evicted = 0
    while (this.#map.size > max) {
      this.#cursor ??= this.#map.keys()
      let step = this.#cursor.next()
      // An iterator that has reported the end stays ended, whatever is added later: start again.
      if (step.done) {
        this.#cursor = this.#map.keys()
        step = this.#cursor.next()
        if (step.done) break
      }
      this.#map.delete(step.value)
      evicted++
    }
    if (evicted > 0) this.#idle = 0
    else if (this.#cursor && ++this.#idle > this.#map.size) this.release()
    return evicted
  }

  /** Drops the iterator now (after a clear, or forgetting many entries), so no old table is held. */
  release(): void {
    this.#cursor = undefined
    this.#idle = 0
  }
}
