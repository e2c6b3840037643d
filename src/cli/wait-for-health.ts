/**
 * @module Polls an emulator's /_emulator/health (exempt from the control token) until it answers,
 * for `wait` and for `run --target` right after `start &`. Says what it waits for and for how long
 * when it starts waiting, how it is going every few seconds, and gives up at the deadline with the
 * last reason it saw (ECONNREFUSED, HTTP 503, …).
 */

const pollEveryMs = 100

export interface HealthWait {
  ready: boolean
  /** The last failure seen, when not ready: a connection error code or "HTTP <status>". */
  last: string
  elapsedMs: number
}

export interface HealthWaitOptions {
  timeoutMs: number
  /** Called once, the first time the emulator does not answer (so a quick success prints nothing). */
  onWaiting?: (last: string) => void
  /** Called every `progressEveryMs` while still waiting, with the time left. */
  onStillWaiting?: (last: string, leftMs: number) => void
  progressEveryMs?: number
}

/** One attempt: undefined when healthy, else why not. */
async function probe(base: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(`${base}/_emulator/health`, { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
    return response.ok ? undefined : `HTTP ${response.status}`
  } catch (error) {
    const { name, message, cause } = error as Error & { cause?: { code?: string } }
    if (cause?.code) return cause.code
    return name === 'TimeoutError' ? `no answer within ${formatDuration(timeoutMs)}` : message
  }
}

/**
 * @example
 * const { ready, last } = await waitForHealth('http://127.0.0.1:4600', { timeoutMs: 5_000 })
 */
export async function waitForHealth(
  base: string | (() => string),
  { timeoutMs, onWaiting, onStillWaiting, progressEveryMs = 5_000 }: HealthWaitOptions,
): Promise<HealthWait> {
  // A function is asked again before every probe: the URL may change while waiting (a ready file rewritten).
  const baseNow = typeof base === 'string' ? () => base : base
  const started = Date.now()
  const deadline = started + timeoutMs
  let nextProgress = started + progressEveryMs
  let last = 'no answer yet'
  for (let first = true; ; first = false) {
    // At least 200 ms, or a last probe cut short by the deadline would report "no answer" instead of why.
    const failure = await probe(baseNow(), Math.min(2_000, Math.max(200, deadline - Date.now())))
    if (failure === undefined) return { ready: true, last, elapsedMs: Date.now() - started }
    last = failure
    if (first) onWaiting?.(last)
    const now = Date.now()
    if (now >= deadline) return { ready: false, last, elapsedMs: now - started }
    if (now >= nextProgress) {
      onStillWaiting?.(last, deadline - now)
      nextProgress += progressEveryMs
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollEveryMs, deadline - now)))
  }
}

/** "30s", "1.5s", "200ms": a duration as a person reads it. */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)}ms` : `${Math.round(ms / 100) / 10}s`
}
