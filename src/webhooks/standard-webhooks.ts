/**
 * @module Standard Webhooks signatures (https://www.standardwebhooks.com/), an opt-in per target for
 * receivers that verify origin with one of its libraries: `v1,` + base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` keyed with the base64-decoded secret (a `whsec_` prefix is dropped).
 */
import { createHmac } from 'node:crypto'

/**
 * @example
 * standardWebhooksSignature('msg_1', 1_700_000_000, '{"a":1}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') // "v1,…"
 */
export function standardWebhooksSignature(id: string, timestampSeconds: number, body: string, secret: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`
}

/** The three headers, signed now: receivers judge the timestamp against their own wall clock. */
export function standardWebhooksHeaders(
  id: string,
  body: string,
  secret: string,
  nowMs = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardWebhooksSignature(id, timestamp, body, secret),
  }
}
