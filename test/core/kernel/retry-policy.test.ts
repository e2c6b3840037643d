import { describe, expect, it } from 'vitest'
import {
  isFinalStatus,
  type RetryPolicy,
  retryDelay,
  verdictFor,
} from '../../../src/core/kernel/outbox/retry-policy.js'
import { maxDurationMs } from '../../../src/core/kernel/time-bounds.js'

// The verdict and the delay on their own, at the edges the vendor's rules draw: the outbox tests
// reach them through whole deliveries, which a status one off an edge can slip past.
const policy: RetryPolicy = { timeoutMs: 10_000, retries: 3, retryDelayMs: 60_000, backoffFactor: 1, jitter: 0 }
const verdict = (status: number | undefined, attempt = 1, retries = policy.retries) =>
  verdictFor(status === undefined ? { error: 'ECONNREFUSED', latencyMs: 0 } : { status, latencyMs: 1 }, attempt, {
    ...policy,
    retries,
  })

describe('attempt verdicts (vendor: 3 retries, no retry on the listed statuses)', () => {
  it('counts exactly 200–299 as delivered', () => {
    expect([199, 200, 226, 299, 300].map((status) => verdict(status))).toEqual([
      'retry',
      'delivered',
      'delivered',
      'delivered',
      'failed',
    ])
  })

  it('fails at once on each edge of the no-retry list, and retries just outside it', () => {
    const final = [300, 399, 400, 402, 404, 411, 414, 416, 418, 505]
    const retried = [401, 403, 412, 413, 417, 419, 429, 500, 502, 503, 504, 506]
    expect(final.map((status) => [status, verdict(status)])).toEqual(final.map((status) => [status, 'failed']))
    expect(retried.map((status) => [status, verdict(status)])).toEqual(retried.map((status) => [status, 'retry']))
  })

  it('retries a retryable answer or a network error while retries are left: attempt retries + 1 is the last', () => {
    for (const status of [500, undefined]) {
      expect([1, 2, 3, 4, 5].map((attempt) => verdict(status, attempt))).toEqual([
        'retry',
        'retry',
        'retry',
        'failed',
        'failed',
      ])
    }
    expect(verdict(500, 1, 0)).toBe('failed')
    expect(verdict(500, 1, 1)).toBe('retry')
    expect(verdict(500, 2, 1)).toBe('failed')
  })

  it('delivers a 2xx and fails a final status whatever the attempt number', () => {
    expect(verdict(200, 99)).toBe('delivered')
    expect(verdict(404, 1, 10)).toBe('failed')
  })
})

describe('isFinalStatus, the no-retry list the reliability tests check attempts against', () => {
  it('is true for every 2xx and 3xx and the listed 4xx/5xx, false just outside', () => {
    expect([199, 200, 299, 300, 399, 400, 401, 505, 506].map((status) => isFinalStatus(status))).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      true,
      false,
    ])
  })
})

describe('retry delay', () => {
  const never = () => 0
  it('waits retryDelay before the first retry and multiplies it by backoffFactor per retry', () => {
    const backoff = { ...policy, retryDelayMs: 1_000, backoffFactor: 3 }
    expect([1, 2, 3, 4].map((n) => retryDelay(backoff, n, never))).toEqual([1_000, 3_000, 9_000, 27_000])
    expect([1, 2, 3].map((n) => retryDelay(policy, n, never))).toEqual([60_000, 60_000, 60_000])
  })

  it('adds up to `jitter` of the delay, scaled by the random draw', () => {
    const jittery = { ...policy, retryDelayMs: 1_000, jitter: 0.5 }
    expect(retryDelay(jittery, 1, () => 0)).toBe(1_000)
    expect(retryDelay(jittery, 1, () => 0.5)).toBe(1_250)
    // Whole milliseconds, the clock's unit: 1,499.5 would leave fractional clock times behind.
    expect(retryDelay(jittery, 1, () => 0.999)).toBe(1_500)
    expect(retryDelay({ ...jittery, retryDelayMs: 3, backoffFactor: 1.5 }, 2, () => 0.123)).toBe(5)
    expect(retryDelay({ ...jittery, jitter: 0 }, 1, () => 0.9)).toBe(1_000)
  })

  it('never waits more than 366 days, however steep the backoff', () => {
    const steep = { ...policy, retryDelayMs: 86_400_000, backoffFactor: 10 }
    expect(retryDelay(steep, 2, never)).toBe(864_000_000)
    expect(retryDelay(steep, 5, never)).toBe(maxDurationMs)
    expect(retryDelay({ ...steep, backoffFactor: 1, retryDelayMs: maxDurationMs, jitter: 1 }, 1, () => 0.5)).toBe(
      maxDurationMs,
    )
  })
})
