import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import { type BaseMessage, MessageStore } from '../../../src/core/kernel/message-store.js'
import { OldestKeys } from '../../../src/core/kernel/oldest-keys.js'
import { collectGarbage } from '../../support/collect-garbage.js'

/** A Map that counts how often an iterator over its keys is made. */
class CountingMap<K, V> extends Map<K, V> {
  keysCalls = 0
  override keys(): MapIterator<K> {
    this.keysCalls++
    return super.keys()
  }
}

describe('OldestKeys', () => {
  it('trims oldest first, says how many, and finds entries added after the map was emptied', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ])
    const oldest = new OldestKeys(map)
    expect(oldest.trim(3)).toBe(0)
    expect(oldest.trim(1)).toBe(2)
    expect([...map.keys()]).toEqual(['c'])
    map.set('d', 4)
    expect(oldest.trim(1)).toBe(1)
    expect(oldest.trim(0)).toBe(1)
    expect(oldest.trim(0)).toBe(0)
    map.set('e', 5)
    expect(oldest.trim(0)).toBe(1)
    expect(map.size).toBe(0)
  })

  it('keeps exactly what trimming with `map.keys().next()` keeps, through moves to the end, deletes and clears', () => {
    for (const seed of [1, 2, 3]) {
      const random = createRandom(seed)
      const ours = new Map<number, number>()
      const reference = new Map<number, number>()
      const oldest = new OldestKeys(ours)
      let next = 0
      for (let op = 0; op < 10_000; op++) {
        const roll = random()
        const key = Math.floor(random() * (next + 1))
        const max = roll < 0.01 ? 5 : 60 // now and then the cap drops, and many go at once
        if (roll < 0.75) {
          // A new key, or one moved to the end (delete, then set: how the caches refresh an entry).
          const fresh = roll < 0.55 ? next++ : key
          for (const map of [ours, reference]) {
            map.delete(fresh)
            map.set(fresh, op)
          }
        } else if (roll < 0.95) {
          for (const map of [ours, reference]) map.delete(key)
        } else if (roll < 0.952) {
          for (const map of [ours, reference]) map.clear()
        }
        let expected = 0
        while (reference.size > max) {
          reference.delete(reference.keys().next().value!)
          expected++
        }
        expect(oldest.trim(max)).toBe(expected)
        if (op % 97 === 0) expect([...ours.keys()]).toEqual([...reference.keys()])
      }
      expect([...ours.keys()]).toEqual([...reference.keys()])
    }
  })

  it('walks the map once while every add evicts, not from its start at every eviction', () => {
    const map = new CountingMap<number, number>()
    const oldest = new OldestKeys(map)
    for (let n = 0; n < 10_000; n++) {
      map.set(n, n)
      oldest.trim(100)
    }
    expect([...map.keys()][0]).toBe(9_900)
    // One iterator made at the first eviction, one by the spread above.
    expect(map.keysCalls).toBe(2)
  })

  it('keeps its one iterator through refreshes between evictions, as a cache’s traffic mixes them', () => {
    const map = new CountingMap<number, number>()
    const reference = new Map<number, number>()
    const oldest = new OldestKeys(map)
    for (let n = 0; n < 10_000; n++) {
      for (const m of [map, reference]) m.set(n, n)
      expect(oldest.trim(100)).toBe(n < 100 ? 0 : 1)
      if (reference.size > 100) reference.delete(reference.keys().next().value!)
      // A key already there is refreshed: moved to the end, nothing evicted.
      const again = Math.max(0, n - 10)
      for (const m of [map, reference]) {
        m.delete(again)
        m.set(again, n)
      }
      expect(oldest.trim(100)).toBe(0)
    }
    expect([...map.keys()]).toEqual([...reference.keys()])
    // One iterator made at the first eviction and kept, one by the spread above.
    expect(map.keysCalls).toBe(2)
  })

  it('holds no table of the map past a change that evicted nothing, so what the map let go can be collected', async () => {
    const map = new Map<string, object>()
    const oldest = new OldestKeys(map)
    let payload: object | undefined = { big: 'x'.repeat(1_000) }
    const watched = new WeakRef(payload)
    map.set('first', {})
    map.set('payload', payload)
    for (const key of ['a', 'b']) map.set(key, {})
    expect(oldest.trim(3)).toBe(1) // "first" goes; the payload stays, and an iterator is made
    payload = undefined
    // Refreshes (moved to the end) below the cap, far more than the map's size in a row: V8 compacts
    // the table now and then, copying the payload into each new table; an iterator still on an old
    // table would keep it from there.
    for (let n = 0; n < 200; n++) {
      const key = ['a', 'b'][n % 2]!
      map.delete(key)
      map.set(key, {})
      expect(oldest.trim(3)).toBe(0)
    }
    map.delete('payload')
    oldest.trim(3)
    // A WeakRef keeps its target alive until the job that made it ends: let it end first.
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(watched.deref()).toBeUndefined()
  })

  it('lets the message store’s cleared and forgotten messages be collected', async () => {
    const store = new MessageStore(2)
    const message = (id: string) => ({ messageId: id, body: 'x'.repeat(1_000) }) as unknown as BaseMessage
    let kept: BaseMessage | undefined = message('m2')
    const watched = new WeakRef(kept)
    store.add(message('m1'))
    store.add(kept)
    store.add(message('m3')) // evicts m1: the store now has an iterator on its table
    expect(store.evicted).toBe(1)
    kept = undefined
    store.clear()
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(watched.deref()).toBeUndefined()

    // Forgetting many at once shrinks the table on the way; the newest goes last, from the new one.
    const big = new MessageStore(64)
    let newest: BaseMessage | undefined
    for (let n = 0; n <= 64; n++) big.add((newest = message(`n${n}`)))
    expect(big.evicted).toBe(1)
    const watchedNewest = new WeakRef(newest!)
    newest = undefined
    expect(big.forget(() => true)).toHaveLength(64)
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(watchedNewest.deref()).toBeUndefined()
  })
})
