/**
 * @module A min-heap of timers ordered by due time, then by scheduling order. One structure holds
 * every scheduled step and webhook attempt, whichever clock drives it.
 */
import type { TimerId } from './clock.js'

export interface Timer {
  readonly id: TimerId
  readonly at: number
  readonly fire: () => void
}

export class TimerQueue {
  #heap: Timer[] = []
  #live = new Set<TimerId>()
  #nextId = 1

  /** Number of timers still due to fire. */
  get size(): number {
    return this.#live.size
  }

  push(at: number, fire: () => void): TimerId {
    const timer = { id: this.#nextId++, at, fire }
    this.#live.add(timer.id)
    this.#heap.push(timer)
    this.#siftUp(this.#heap.length - 1)
    return timer.id
  }

  /**
   * A cancelled timer leaves the heap when it reaches the top (cheap, and most are near it); once
   * the heap holds more than twice as many timers as are live, it is rebuilt from the live ones.
   * Without that, timers cancelled far ahead of one still live (a `sendAt` days away, reset for one
   * service while another's steps wait) kept their closures — message, recipient, run — until
   * their due time: 2.4 KB each, measured.
   */
  cancel(id: TimerId): void {
    if (!this.#live.delete(id)) return
    if (this.#heap.length > 2 * this.#live.size + 1_024) this.#rebuild()
  }

  /** How many timers the heap holds, cancelled ones not yet dropped included. */
  get stored(): number {
    return this.#heap.length
  }

  /** Due time of the earliest live timer, if any. */
  peekAt(): number | undefined {
    this.#dropCancelledTop()
    return this.#heap[0]?.at
  }

  /** Removes and returns the earliest live timer if it is due at or before `limit`. */
  popDue(limit: number): Timer | undefined {
    this.#dropCancelledTop()
    const top = this.#heap[0]
    if (!top || top.at > limit) return undefined
    this.#removeTop()
    this.#live.delete(top.id)
    return top
  }

  clear(): void {
    this.#heap = []
    this.#live.clear()
  }

  #rebuild(): void {
    const live = this.#live
    this.#heap = this.#heap.filter((timer) => live.has(timer.id))
    for (let index = (this.#heap.length >> 1) - 1; index >= 0; index--) this.#siftDown(index)
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && !this.#live.has(this.#heap[0]!.id)) this.#removeTop()
  }

  #removeTop(): void {
    const last = this.#heap.pop()!
    if (this.#heap.length === 0) return
    this.#heap[0] = last
    this.#siftDown(0)
  }

  #before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id)
  }

  #siftUp(index: number): void {
    const heap = this.#heap
    while (index > 0) {
      const parent = (index - 1) >> 1
      const timer = heap[index]!
      if (!this.#before(timer, heap[parent]!)) return
      heap[index] = heap[parent]!
      heap[parent] = timer
      index = parent
    }
  }

  #siftDown(index: number): void {
    const heap = this.#heap
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let smallest = index
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right
      if (smallest === index) return
      // Swapped through a local: a destructuring swap allocated an array and its iterator, about
      // a kilobyte a send over a removal's dozen swaps (bench/PROFILE.md, "The floor").
      const timer = heap[index]!
      heap[index] = heap[smallest]!
      heap[smallest] = timer
      index = smallest
    }
  }
}
