/**
 * @module A request with a deadline, answer included, whose failure says what was asked and why:
 * undici waits five minutes for an answer and says only "fetch failed" when there is none.
 */

/** Statuses whose answers have no body (the Fetch standard's null body statuses). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304])

/** Why a request failed: its cause's message ("connect ECONNREFUSED 127.0.0.1:9"), else its own. */
function failureReason(error: unknown): string {
  const cause = (error as Error).cause
  return cause instanceof Error && cause.message ? cause.message : (error as Error).message
}

/**
 * `fetch` with `timeoutMs` for the answer and its body (a body that never ends is no answer
 * either). A timeout throws `onTimeout()`; any other failure names the method, the URL and the cause.
 * AbortSignal.timeout runs on the real clock, which scenario runs never fake.
 */
export async function fetchWithDeadline(
  url: string,
  init: RequestInit | undefined,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<Response> {
  const deadline = AbortSignal.timeout(timeoutMs)
  const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
  try {
    const response = await fetch(url, { ...init, signal })
    const body = await response.arrayBuffer()
    // A status that has no body takes none, not even an empty one (the constructor throws for 205).
    return new Response(nullBodyStatuses.has(response.status) ? null : body, response)
  } catch (error) {
    if (deadline.aborted) throw onTimeout()
    throw new Error(`${init?.method ?? 'GET'} ${url} failed: ${failureReason(error)}`, {
      cause: (error as Error).cause ?? error,
    })
  }
}

/** A request beyond the emulator (an http step to your app): a server that never answers fails it in time. */
export function fetchOutside(url: string, init: RequestInit | undefined, timeoutMs: number): Promise<Response> {
  return fetchWithDeadline(
    url,
    init,
    timeoutMs,
    () => new Error(`no answer from ${init?.method ?? 'GET'} ${url} within ${timeoutMs} ms`),
  )
}
