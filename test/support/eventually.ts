/**
 * @module Polls until a condition holds on a real clock, for tests of real servers, where the
 * answer arrives asynchronously; fails with the last value seen.
 */
export async function eventually<T>(
  read: () => T,
  holds: (value: T) => boolean,
  { timeoutMs = 10_000, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (holds(value)) return value
    if (Date.now() > deadline)
      throw new Error(`${what} did not hold within ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
