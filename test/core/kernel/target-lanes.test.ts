import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../../src/core/kernel/outbox/delivery.js'
import { TargetLanes } from '../../../src/core/kernel/outbox/target-lanes.js'

/** Just what the lanes read of a delivery: its target. */
const delivery = (n: number, targetId = 't1') => ({ id: `d${n}`, target: { targetId, url: '' } }) as unknown as Delivery

describe('TargetLanes', () => {
  it('admits up to the limit per target, then lines the rest up first in, first out', () => {
    const lanes = new TargetLanes()
    const [a, b, c, d] = [1, 2, 3, 4].map((n) => delivery(n))
    const other = delivery(5, 't2')
    for (const running of [a, b]) {
      expect(lanes.admit(running!, 2)).toBe(true)
      lanes.start(running!)
    }
    expect(lanes.admit(c!, 2)).toBe(false)
    expect(lanes.admit(d!, 2)).toBe(false)
    // Another target has slots of its own.
    expect(lanes.admit(other, 2)).toBe(true)
    lanes.finish(a!)
    expect(lanes.next(a!)).toBe(c)
    expect(lanes.next(a!)).toBe(d)
    expect(lanes.next(a!)).toBeUndefined()
  })

  it('keeps order through long lines, removals and compactions', () => {
    const lanes = new TargetLanes()
    const all = Array.from({ length: 10_000 }, (_, n) => delivery(n))
    // Taken out of the line five arrivals after joining it, while still waiting.
    const removed = new Set([11, 1_500, 2_047, 2_048, 5_000, 9_990])
    const expected: Delivery[] = []
    let taken = 0
    for (const [n, d] of all.entries()) {
      expect(lanes.admit(d, 0)).toBe(false)
      expected.push(d)
      if (removed.has(n - 5)) {
        lanes.remove(all[n - 5]!)
        expected.splice(expected.indexOf(all[n - 5]!), 1)
      }
      // One taken for every two arriving: the taken head passes the compaction threshold many times.
      if (n % 2 === 1) expect(lanes.next(d)).toBe(expected[taken++])
    }
    const rest: Delivery[] = []
    for (let next = lanes.next(all[0]!); next; next = lanes.next(all[0]!)) rest.push(next)
    expect(rest).toEqual(expected.slice(taken))
    expect(taken + rest.length).toBe(all.length - removed.size)
    // A line emptied to the end takes new arrivals again.
    lanes.admit(all[3]!, 0)
    expect(lanes.next(all[0]!)).toBe(all[3])
  })
})
