/**
 * @module The vendor's optional `x-hub-signature`: hex HMAC-SHA256 of the raw body with the hub secret.
 */
import { createHmac } from 'node:crypto'

/**
 * @example
 * hubSignature('{"a":1}', 's3cret') // "5c4f…" (64 hex characters)
 */
export function hubSignature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex')
}
