/**
 * @module The load generator: autocannon, in this process (pinned to the client core), against a
 * server in another process. Every answer must be 2xx: a benchmark that counts errors as
 * throughput measures nothing.
 */
import autocannon from 'autocannon'

export interface LoadOptions {
  body: string
  headers?: Record<string, string>
  seconds: number
  connections?: number
}

export interface LoadResult {
  /** 2xx answers per second. */
  rps: number
  /** 2xx answers counted. */
  answered: number
  p50Ms: number
  p99Ms: number
}

export async function load(
  url: string,
  { body, headers = {}, seconds, connections = 10 }: LoadOptions,
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  })
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] === 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors out of ${result.requests.total} requests`,
    )
  }
  return {
    rps: result['2xx'] / result.duration,
    answered: result['2xx'],
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  }
}
