/**
 * @module The suite's one way to wait for something asynchronous that has no event to await: it
 * re-reads `read()` until `holds` accepts the value or the deadline passes, then fails saying what
 * was awaited and the last value seen. Tests of a virtual clock never need it: they advance time.
 */

export interface EventuallyOptions<T> {
  /** How long to keep trying before failing. */
  timeoutMs?: number
  /** What is awaited, for the failure message ("the state file to list a@x.test"). */
  what?: string
  /** How the last value is shown in the failure message; JSON by default. */
  show?: (value: T) => string
}

/**
 * Resolves with the first value of `read()` that `holds`; rejects after `timeoutMs` naming `what`.
 * @example
 * const all = await eventually(() => receiver.received, (r) => r.length === 2, { what: 'two webhooks' })
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  holds: (value: T) => boolean,
  { timeoutMs = 10_000, what = 'the condition', show = (value) => JSON.stringify(value) }: EventuallyOptions<T> = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (holds(value)) return value
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; last seen: ${show(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
