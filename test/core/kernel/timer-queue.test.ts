import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import { TimerQueue } from '../../../src/core/kernel/timer-queue.js'

/** Pops everything due by `limit`, returning the labels in firing order. */
function drain(queue: TimerQueue, labels: Map<number, string>, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = []
  for (let timer = queue.popDue(limit); timer; timer = queue.popDue(limit)) out.push(labels.get(timer.id)!)
  return out
}

describe('timer queue', () => {
  it('pops by due time, timers due together in the order they were scheduled', () => {
    const queue = new TimerQueue()
    const labels = new Map<number, string>()
    for (const [at, label] of [
      [30, 'd'],
      [10, 'a'],
      [20, 'b'],
      [10, 'a2'],
      [20, 'c'],
      [5, 'first'],
    ] as const)
      labels.set(
        queue.push(at, () => undefined),
        label,
      )
    expect(queue.size).toBe(6)
    expect(queue.peekAt()).toBe(5)
    expect(drain(queue, labels)).toEqual(['first', 'a', 'a2', 'b', 'c', 'd'])
    expect(queue.size).toBe(0)
    expect(queue.peekAt()).toBeUndefined()
  })

  it('pops a timer due exactly at the limit, and none due after it', () => {
    const queue = new TimerQueue()
    const labels = new Map<number, string>()
    labels.set(
      queue.push(100, () => undefined),
      'at',
    )
    labels.set(
      queue.push(101, () => undefined),
      'after',
    )
    expect(queue.popDue(99)).toBeUndefined()
    expect(drain(queue, labels, 100)).toEqual(['at'])
    expect(queue.size).toBe(1)
    expect(queue.peekAt()).toBe(101)
  })

  it('never returns a cancelled timer, wherever it sits in the heap, and counts only live ones', () => {
    const queue = new TimerQueue()
    const labels = new Map<number, string>()
    const ids = [50, 10, 40, 10, 30, 20].map((at, i) => {
      const id = queue.push(at, () => undefined)
      labels.set(id, `${at}#${i}`)
      return id
    })
    queue.cancel(ids[1]!) // the top
    queue.cancel(ids[4]!) // deep in the heap
    expect(queue.size).toBe(4)
    expect(queue.peekAt()).toBe(10)
    expect(drain(queue, labels)).toEqual(['10#3', '20#5', '40#2', '50#0'])
    queue.cancel(ids[0]!) // already popped: nothing changes
    expect(queue.size).toBe(0)
  })

  it('peekAt skips cancelled timers at the top', () => {
    const queue = new TimerQueue()
    const early = queue.push(1, () => undefined)
    queue.push(2, () => undefined)
    queue.cancel(early)
    expect(queue.peekAt()).toBe(2)
    expect(queue.popDue(1)).toBeUndefined()
  })

  it('clear() forgets every timer; ids stay unique afterwards', () => {
    const queue = new TimerQueue()
    const before = queue.push(1, () => undefined)
    queue.clear()
    expect(queue.size).toBe(0)
    expect(queue.popDue(10)).toBeUndefined()
    const after = queue.push(1, () => undefined)
    expect(after).not.toBe(before)
    expect(queue.popDue(1)?.id).toBe(after)
  })

  it('keeps heap order through thousands of random pushes, cancels and pops (checked against a sort)', () => {
    const random = createRandom(7)
    const queue = new TimerQueue()
    const live: Array<{ id: number; at: number }> = []
    const popped: Array<{ id: number; at: number }> = []
    const expected: Array<{ id: number; at: number }> = []
    let clock = 0
    for (let round = 0; round < 3_000; round++) {
      const roll = random()
      if (roll < 0.55) {
        const at = clock + Math.floor(random() * 50)
        live.push({ id: queue.push(at, () => undefined), at })
      } else if (roll < 0.7 && live.length > 0) {
        const [gone] = live.splice(Math.floor(random() * live.length), 1)
        queue.cancel(gone!.id)
      } else {
        clock += Math.floor(random() * 10)
        live.sort((a, b) => a.at - b.at || a.id - b.id)
        while (live.length > 0 && live[0]!.at <= clock) expected.push(live.shift()!)
        for (let timer = queue.popDue(clock); timer; timer = queue.popDue(clock)) popped.push(timer)
        expect(queue.size).toBe(live.length)
      }
    }
    expect(popped.map((t) => [t.id, t.at])).toEqual(expected.map((t) => [t.id, t.at]))
    expect(popped.length).toBeGreaterThan(1_000)
  })
})
