import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import { TimerQueue } from '../../../src/core/kernel/timer-queue.js'
import { collectGarbage } from '../../support/collect-garbage.js'

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

describe('timer queue, cancelled timers', () => {
  it('lets go of timers cancelled far behind a live one, and still fires the rest in order', async () => {
    const queue = new TimerQueue()
    const labels = new Map<number, string>()
    labels.set(
      queue.push(1_000, () => undefined),
      'early',
    )
    let kept: WeakRef<object> | undefined
    const ids: number[] = []
    for (let n = 0; n < 10_000; n++) {
      const captured = { n }
      kept ??= new WeakRef(captured)
      // Due after the live one, so never at the top while it waits.
      ids.push(queue.push(2_000 + (n % 97), () => void captured.n))
    }
    const survivors = new Set([5, 4_096, 9_999])
    for (const [n, id] of ids.entries()) if (!survivors.has(n)) queue.cancel(id)
    for (const n of survivors) labels.set(ids[n]!, `s${n}`)
    expect(queue.size).toBe(4)
    expect(queue.stored).toBeLessThan(2 * queue.size + 1_100)
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(kept?.deref()).toBeUndefined()
    // Due times: s5 at 2,005, s4096 at 2,022, s9999 at 2,008.
    expect(drain(queue, labels)).toEqual(['early', 's5', 's9999', 's4096'])
  })

  it('keeps its order through rebuilds, against a model, over random pushes, cancels and pops', () => {
    const random = createRandom(5)
    const queue = new TimerQueue()
    /** Live timers: id → due time. */
    const model = new Map<number, number>()
    let now = 0
    let rebuilt = 0
    for (let round = 0; round < 40; round++) {
      for (let n = 0; n < 1_500; n++) {
        const at = now + Math.floor(random() * 5_000)
        model.set(
          queue.push(at, () => undefined),
          at,
        )
      }
      // Most of them cancelled, old and new alike: the heap fills with cancelled timers.
      const ids = [...model.keys()]
      for (let n = 0; n < 1_300 && ids.length > 0; n++) {
        const id = ids.splice(Math.floor(random() * ids.length), 1)[0]!
        const stored = queue.stored
        queue.cancel(id)
        model.delete(id)
        if (queue.stored < stored) rebuilt++
      }
      now += 200
      for (let timer = queue.popDue(now); timer; timer = queue.popDue(now)) {
        // The earliest live timer, the first scheduled among those due together.
        let first: [number, number] | undefined
        for (const [id, at] of model)
          if (!first || at < first[1] || (at === first[1] && id < first[0])) first = [id, at]
        expect([timer.id, timer.at]).toEqual(first)
        model.delete(timer.id)
      }
      expect(queue.size).toBe(model.size)
    }
    expect(rebuilt).toBeGreaterThan(10)
  })
})
