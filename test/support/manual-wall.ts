/**
 * @module Wall time that moves only when a test says so, with the timers armed on it: for the
 * adapters that take a `WallTime` (RealClock, the state file's writer), so their timing is tested
 * without waiting on a real clock.
 */
import type { WallTime } from '../../src/runtime/real-clock.js'

interface ManualTimer {
  at: number
  ms: number
  fire: () => void
  cleared: boolean
}

export function manualWall(start = Date.UTC(2025, 0, 1)) {
  let now = start
  const armed: ManualTimer[] = []
  const wall: WallTime = {
    now: () => now,
    setTimeout: (fire, ms) => {
      const timer = { at: now + ms, ms, fire, cleared: false }
      armed.push(timer)
      return timer
    },
    clearTimeout: (timer) => {
      if (timer) (timer as ManualTimer).cleared = true
    },
  }
  const pending = () => armed.filter((t) => !t.cleared)
  return {
    wall,
    /** Every timer armed so far, cleared ones included. */
    armed,
    pending,
    now: () => now,
    /** Moves time forward by `ms`, firing each timer that falls due, in order, at its own time. */
    advance(ms: number) {
      const target = now + ms
      for (;;) {
        const next = pending()
          .filter((t) => t.at <= target)
          .sort((a, b) => a.at - b.at)[0]
        if (!next) break
        next.cleared = true
        now = Math.max(now, next.at)
        next.fire()
      }
      now = target
    },
  }
}
