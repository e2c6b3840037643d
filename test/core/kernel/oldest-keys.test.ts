import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import { OldestKeys } from '../../../src/core/kernel/oldest-keys.js'

/** A Map that counts how often an iterator over its keys is made. */
class CountingMap<K, V> extends Map<K, V> {
  keysCalls = 0
  override keys(): MapIterator<K> {
    this.keysCalls++
    return super.keys()
  }
}

describe('OldestKeys', () => {
  it('evicts oldest first, and nothing from an empty map', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ])
    const oldest = new OldestKeys(map)
    expect(oldest.evict()).toBe('a')
    map.set('c', 3)
    expect(oldest.evict()).toBe('b')
    expect(oldest.evict()).toBe('c')
    expect(oldest.evict()).toBeUndefined()
    expect(map.size).toBe(0)
    // Entries added after the cursor reached the end are found.
    map.set('d', 4)
    expect(oldest.evict()).toBe('d')
  })

  it('evicts exactly what `map.keys().next()` would, through moves to the end, deletes and clears', () => {
    for (const seed of [1, 2, 3]) {
      const random = createRandom(seed)
      const ours = new Map<number, number>()
      const reference = new Map<number, number>()
      const oldest = new OldestKeys(ours)
      let next = 0
      for (let op = 0; op < 10_000; op++) {
        const roll = random()
        const key = Math.floor(random() * (next + 1))
        if (roll < 0.45) {
          // A new key, or one moved to the end (delete, then set: how the caches refresh an entry).
          const fresh = roll < 0.3 ? next++ : key
          for (const map of [ours, reference]) {
            map.delete(fresh)
            map.set(fresh, op)
          }
        } else if (roll < 0.5) {
          for (const map of [ours, reference]) map.delete(key)
        } else if (roll < 0.5005) {
          for (const map of [ours, reference]) map.clear()
        } else {
          const expected = reference.keys().next().value
          if (expected !== undefined) reference.delete(expected)
          expect(oldest.evict()).toBe(expected)
        }
        expect(ours.size).toBe(reference.size)
      }
      expect([...ours.keys()]).toEqual([...reference.keys()])
    }
  })

  it('walks the map once, not from its start at every eviction', () => {
    const map = new CountingMap<number, number>()
    const oldest = new OldestKeys(map)
    for (let n = 0; n < 10_000; n++) {
      map.set(n, n)
      if (map.size > 100) oldest.evict()
    }
    expect([...map.keys()][0]).toBe(9_900)
    // One iterator made by the constructor, one by the spread above.
    expect(map.keysCalls).toBe(2)
  })
})
