/**
 * @module Decides when the state file is written. Changes are coalesced: a write starts once
 * changes have paused for `debounceMs`, or `maxDelayMs` after the first unwritten change however
 * busy it is; at most one write is in flight, and the next one is built from the state as it is
 * when it starts, so writes never queue up behind each other (nor do their snapshots).
 */
import { nodeWallTime, type WallTime } from '../runtime/real-clock.js'

export interface CoalescingWriterOptions {
  /** Writes the current state. Never called while a previous call is still running. */
  write: () => Promise<void>
  /** Quiet time after the last change before a write starts. */
  debounceMs: number
  /** Longest the first unwritten change waits for its write to start while changes keep coming (or a write runs). */
  maxDelayMs: number
  /** A write failed: the changes stay unwritten and are tried again `maxDelayMs` later. */
  onError: (error: unknown) => void
  /** A write succeeded. */
  onWritten?: () => void
  wall?: WallTime
}

export interface CoalescingWriter {
  /** Something changed: it will be written. Cheap enough to call on every event. */
  changed(): void
  /** Waits for the write in flight, then writes whatever changed since it started. */
  flush(): Promise<void>
  /** Stops taking changes, then flushes; rejects with the write's error when that last write failed (the changes are lost). */
  close(): Promise<void>
}

/**
 * @example
 * const writer = createCoalescingWriter({ write: () => save(emulator.exportState()), debounceMs: 200,
 *   maxDelayMs: 1_000, onError: console.error })
 * emulator.subscribe(() => writer.changed())
 */
export function createCoalescingWriter({
  write,
  debounceMs,
  maxDelayMs,
  onError,
  onWritten,
  wall = nodeWallTime,
}: CoalescingWriterOptions): CoalescingWriter {
  /** Wall time of the oldest change not yet being written, and of the latest one. */
  let firstChange: number | undefined
  let lastChange = 0
  /** After a failed write, nothing is tried before this. */
  let notBefore = 0
  let timer: unknown
  let writing: Promise<void> | undefined
  let closed = false
  /** Why the latest write failed, while its changes are unwritten. */
  let failure: unknown

  const dueAt = () => Math.max(notBefore, Math.min(lastChange + debounceMs, firstChange! + maxDelayMs))

  const arm = () => {
    wall.clearTimeout(timer)
    timer = wall.setTimeout(onTimer, Math.max(0, dueAt() - wall.now()))
  }

  // One timer at a time, however many changes: it re-arms itself while changes keep coming.
  function onTimer() {
    timer = undefined
    if (firstChange === undefined || writing) return // a finishing write arms it again
    if (dueAt() > wall.now()) arm()
    else void start()
  }

  function start(): Promise<void> {
    wall.clearTimeout(timer)
    timer = undefined
    firstChange = undefined // changes from here on are the next write's
    // Wrapped, so a write that throws at once (building the snapshot) is a failure like any other.
    writing = (async () => write())()
      .then(
        () => {
          failure = undefined
          onWritten?.()
        },
        (error: unknown) => {
          failure = error
          const now = wall.now()
          notBefore = now + maxDelayMs
          firstChange ??= now
          lastChange = Math.max(lastChange, now)
          onError(error)
        },
      )
      .finally(() => {
        writing = undefined
        if (firstChange !== undefined && !closed) arm()
      })
    return writing
  }

  async function flush(): Promise<void> {
    while (writing) await writing
    if (firstChange !== undefined) await start()
  }

  return {
    changed() {
      if (closed) return
      const now = wall.now()
      lastChange = now
      if (firstChange !== undefined) return // already due: the armed timer (or the write in flight) sees it
      firstChange = now
      if (!writing) arm()
    },
    flush,
    async close() {
      closed = true
      await flush()
      wall.clearTimeout(timer)
      // Tried once more just now and failed again: nothing will try after this, so say so (a
      // shutdown that lost the last changes exited 0 with no word of it).
      if (firstChange !== undefined) throw failure
    },
  }
}
