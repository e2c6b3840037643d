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

describe('TargetLanes, over a long run', () => {
  it('keeps nothing for a target once nothing runs or waits there (a notifyUrl per message stays bounded)', () => {
    const lanes = new TargetLanes()
    for (let n = 0; n < 1_000; n++) {
      // Each message's own notifyUrl: a target of its own, with two receipts and one slot.
      const first = { id: `a${n}`, target: { url: `http://app.test/n/${n}` } } as unknown as Delivery
      const second = { id: `b${n}`, target: { url: `http://app.test/n/${n}` } } as unknown as Delivery
      expect(lanes.admit(first, 1)).toBe(true)
      lanes.start(first)
      expect(lanes.admit(second, 1)).toBe(false)
      lanes.finish(first)
      expect(lanes.next(first)).toBe(second)
      lanes.start(second)
      lanes.finish(second)
      expect(lanes.next(second)).toBeUndefined()
    }
    expect(lanes.tracked).toBe(0)
  })

  it('forgets a line emptied by removals', () => {
    const lanes = new TargetLanes()
    const running = delivery(1)
    const waiting = [delivery(2), delivery(3)]
    lanes.admit(running, 1)
    lanes.start(running)
    for (const d of waiting) lanes.admit(d, 1)
    expect(lanes.tracked).toBe(1)
    for (const d of waiting) lanes.remove(d)
    lanes.finish(running)
    expect(lanes.next(running)).toBeUndefined()
    expect(lanes.tracked).toBe(0)
  })
})
