/**
 * @module Forgetting a Map's oldest entry, for the caches and stores that keep their newest entries
 * up to a cap (messages, idempotency keys, frequency-cap counters, conversation windows). A Map
 * keeps insertion order, so its first key is the oldest, but `map.keys().next()` finds it by
 * walking from the table's first slot past every entry deleted since V8 last compacted the table:
 * at a cap of 10,000, evicting one entry per add, that walk cost about 9 µs an add (15 µs at
 * 20,000; measured on Node 20, bench/PROFILE.md), more than the rest of a send's record keeping.
 * A Map iterator is live — it skips entries deleted after it was made and reaches entries added
 * after it — so one iterator kept between evictions walks past each deleted slot once.
 */
export class OldestKeys<K> {
  readonly #map: Map<K, unknown>
  #cursor: Iterator<K>

  constructor(map: Map<K, unknown>) {
    this.#map = map
    this.#cursor = map.keys()
  }

  /** Deletes the map's oldest entry and returns its key; undefined when the map is empty. */
  evict(): K | undefined {
    let step = this.#cursor.next()
    // An iterator that has reported the end stays ended, whatever is added later: start again.
    if (step.done) {
      this.#cursor = this.#map.keys()
      step = this.#cursor.next()
      if (step.done) return undefined
    }
    this.#map.delete(step.value)
    return step.value
  }
}
