import { describe, expect, it } from 'vitest'
import { BoundedList } from '../../../src/core/kernel/bounded-list.js'

describe('BoundedList', () => {
  it('keeps the newest max items, oldest first, and says when it drops one', () => {
    const list = new BoundedList<number>(3)
    expect([1, 2, 3].map((n) => list.push(n))).toEqual([false, false, false])
    expect(list.push(4)).toBe(true)
    expect(list.toArray()).toEqual([2, 3, 4])
    expect(list.push(5)).toBe(true)
    expect(list.toArray()).toEqual([3, 4, 5])
    expect([...list]).toEqual([3, 4, 5])
    expect(list.size).toBe(3)
  })

  it('stays in order through many compactions, for any cap', () => {
    for (const max of [1, 2, 7, 64]) {
      const list = new BoundedList<number>(max)
      let dropped = 0
      for (let n = 0; n < 1_000; n++) {
        if (list.push(n)) dropped++
        expect(list.size).toBe(Math.min(n + 1, max))
        expect(list.toArray()[0]).toBe(Math.max(0, n + 1 - max))
      }
      const kept = Array.from({ length: max }, (_, i) => 1_000 - max + i)
      expect(list.toArray()).toEqual(kept)
      expect([...list]).toEqual(kept)
      expect(dropped).toBe(1_000 - max)
    }
  })

  it('empties on clear and fills again', () => {
    const list = new BoundedList<string>(2)
    list.push('a')
    list.push('b')
    list.push('c')
    list.clear()
    expect(list.size).toBe(0)
    expect(list.toArray()).toEqual([])
    expect(list.push('d')).toBe(false)
    expect(list.toArray()).toEqual(['d'])
  })
})
