/**
 * @module What an attempt's result leads to: delivered, retried or failed for good. Vendor rules:
 * 3 retries 60 s apart, and no retry on 202–208, 226, 3xx, 400, 402, 404–411, 414–416, 418 and 505.
 */
import type { Random } from '../ids.js'
import { maxDurationMs } from '../time-bounds.js'
import type { AttemptVerdict } from './delivery.js'
import type { WebhookResult } from './webhook-transport.js'

export interface RetryPolicy {
  timeoutMs: number
  retries: number
  retryDelayMs: number
  backoffFactor: number
  jitter: number
}

/** Vendor: statuses the platform does not retry. 2xx among them count as delivered. */
export function isFinalStatus(status: number): boolean {
  return (
    (status >= 200 && status < 300) ||
    (status >= 300 && status < 400) ||
    status === 400 ||
    status === 402 ||
    (status >= 404 && status <= 411) ||
    (status >= 414 && status <= 416) ||
    status === 418 ||
    status === 505
  )
}

export function verdictFor(result: WebhookResult, attemptNumber: number, policy: RetryPolicy): AttemptVerdict {
  if (result.status !== undefined && result.status >= 200 && result.status < 300) return 'delivered'
  if (result.status !== undefined && isFinalStatus(result.status)) return 'failed'
  return attemptNumber > policy.retries ? 'failed' : 'retry'
}

/**
 * How long before the next try: the retry delay grown by `backoffFactor` per retry, plus up to
 * `jitter` of it at random, in whole milliseconds — never more than 366 days, however steep the backoff.
 */
export function retryDelay(policy: RetryPolicy, attemptNumber: number, random: Random): number {
  const base = policy.retryDelayMs * policy.backoffFactor ** (attemptNumber - 1)
  // Whole milliseconds, the clock's unit: a jittered or backed-off delay left fractional clock times.
  return Math.min(maxDurationMs, Math.round(base * (1 + policy.jitter * random())))
}
