import { describe, expect, it } from 'vitest'
import { createCoalescingWriter } from '../../src/state/coalescing-writer.js'
import { manualWall } from '../support/manual-wall.js'

/** Lets every pending promise continuation run (no time passes on the manual wall). */
const settled = () => new Promise((resolve) => setImmediate(resolve))

/**
 * A writer over a counter standing in for the emulator's state: each write records the state it
 * was built from and when it started, and finishes only when the test says so.
 */
function setup({ debounceMs = 200, maxDelayMs = 1_000 } = {}) {
  const time = manualWall()
  let state = 0
  const writes: Array<{ state: number; startedAt: number; finish: (error?: Error) => void }> = []
  let inFlight = 0
  let mostInFlight = 0
  const errors: unknown[] = []
  const writer = createCoalescingWriter({
    debounceMs,
    maxDelayMs,
    wall: time.wall,
    onError: (error) => errors.push(error),
    write: () => {
      inFlight++
      mostInFlight = Math.max(mostInFlight, inFlight)
      return new Promise<void>((resolve, reject) => {
        writes.push({
          state,
          startedAt: time.now(),
          finish: (error) => {
            inFlight--
            if (error) reject(error)
            else resolve()
          },
        })
      })
    },
  })
  const change = () => {
    state++
    writer.changed()
  }
  /** Lets the write in flight finish and its continuations run. */
  const finish = async (error?: Error) => {
    writes.at(-1)!.finish(error)
    await settled()
  }
  return { time, writer, writes, change, finish, errors, mostInFlight: () => mostInFlight, state: () => state }
}

describe('the state file writer', () => {
  it('writes once when changes pause for debounceMs, however many came', () => {
    const { time, writes, change } = setup()
    for (let i = 0; i < 1_000; i++) change()
    time.advance(199)
    expect(writes).toHaveLength(0)
    time.advance(1)
    expect(writes.map((w) => w.state)).toEqual([1_000])
    expect(time.pending()).toHaveLength(0) // one timer served all 1,000 changes, and none is left
  })

  it('under constant change, starts a write no later than maxDelayMs after the first unwritten change', async () => {
    const { time, writes, change, finish } = setup({ debounceMs: 200, maxDelayMs: 1_000 })
    let firstUnwritten: number | undefined
    const delays: number[] = []
    // A change every 50 ms for 10 s: the debounce alone would never let a write start.
    for (let t = 0; t < 10_000; t += 50) {
      firstUnwritten ??= time.now()
      change()
      const before = writes.length
      time.advance(50)
      if (writes.length > before) {
        delays.push(writes.at(-1)!.startedAt - firstUnwritten)
        firstUnwritten = undefined
        await finish()
      }
    }
    expect(delays.length).toBeGreaterThanOrEqual(9)
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(1_000)
  })

  it('keeps at most one write in flight and builds the next from the state when it starts, never queueing snapshots', async () => {
    const { time, writes, change, finish, mostInFlight, state } = setup({ debounceMs: 200, maxDelayMs: 1_000 })
    change()
    time.advance(200)
    expect(writes).toHaveLength(1)
    // A slow write: 5 s of changes pile up behind it, every timer long due.
    for (let t = 0; t < 5_000; t += 10) {
      change()
      time.advance(10)
    }
    expect(writes).toHaveLength(1)
    await finish()
    // Overdue by then: the next write starts at once, from the latest state, not from one per period.
    time.advance(0)
    expect(writes.map((w) => w.state)).toEqual([1, state()])
    await finish()
    time.advance(10_000)
    expect(writes).toHaveLength(2)
    expect(mostInFlight()).toBe(1)
  })

  it('flush waits for the write in flight, then writes what changed since it started', async () => {
    const { time, writer, writes, change, finish, state } = setup()
    change()
    time.advance(200)
    change()
    let flushed = false
    const flushing = writer.flush().then(() => (flushed = true))
    await finish()
    expect(writes.map((w) => w.state)).toEqual([1, state()])
    expect(flushed).toBe(false)
    await finish()
    await flushing
    expect(flushed).toBe(true)
  })

  it('reports a failed write and tries again maxDelayMs later, without a new change', async () => {
    const { time, writes, change, finish, errors } = setup({ debounceMs: 200, maxDelayMs: 1_000 })
    change()
    time.advance(200)
    await finish(new Error('ENOSPC'))
    expect(errors).toEqual([new Error('ENOSPC')])
    time.advance(999)
    expect(writes).toHaveLength(1)
    time.advance(1)
    expect(writes).toHaveLength(2)
    await finish()
    time.advance(10_000)
    expect(writes).toHaveLength(2)
  })

  it('reports a write that throws before it starts like any other failure', async () => {
    const time = manualWall()
    const errors: unknown[] = []
    const writer = createCoalescingWriter({
      debounceMs: 200,
      maxDelayMs: 1_000,
      wall: time.wall,
      onError: (error) => errors.push(error),
      write: () => {
        throw new Error('cannot build the snapshot')
      },
    })
    writer.changed()
    time.advance(200)
    await settled()
    expect(errors).toEqual([new Error('cannot build the snapshot')])
  })

  it('close rejects when its last write fails (the changes are lost and nothing tries again), and resolves once one succeeds', async () => {
    const failing = setup()
    failing.change()
    const closing = failing.writer.close()
    const rejected = expect(closing).rejects.toThrow('ENOENT')
    await failing.finish(new Error('ENOENT'))
    await rejected

    const recovering = setup({ debounceMs: 200, maxDelayMs: 1_000 })
    recovering.change()
    recovering.time.advance(200)
    await recovering.finish(new Error('ENOSPC')) // an earlier failure, then the last write succeeds
    const closed = recovering.writer.close()
    await recovering.finish()
    await expect(closed).resolves.toBeUndefined()
  })

  it('writes nothing after close, and close writes what was pending', async () => {
    const { time, writer, writes, change, finish } = setup()
    change()
    const closing = writer.close()
    expect(writes).toHaveLength(1)
    await finish()
    await closing
    change()
    time.advance(10_000)
    expect(writes).toHaveLength(1)
  })
})
