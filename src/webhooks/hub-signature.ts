/**
 * @module The vendor's optional `x-hub-signature`: an HMAC of the raw body keyed with the hub
 * secret, SHA-256 or SHA-512 as the target is configured (vendor: "one of SHA256 or SHA 512").
 * The value's format is undocumented: plain hex by default; `sha256=<hex>` (the form a real
 * receiver's tests send, hmrc/email-events EventsControllerSpec) when `format` is "prefixed".
 */
import { createHmac } from 'node:crypto'
import type { HubSignatureOptions } from '../core/schemas/config.js'

/**
 * @example
 * hubSignature('{"a":1}', 's3cret') // "5c4f…" (64 hex characters)
 * hubSignature('{"a":1}', 's3cret', { algorithm: 'sha512', format: 'prefixed' }) // "sha512=…"
 */
export function hubSignature(
  body: string,
  secret: string,
  { algorithm, format }: HubSignatureOptions = { algorithm: 'sha256', format: 'hex' },
): string {
  const hex = createHmac(algorithm, secret).update(body).digest('hex')
  return format === 'prefixed' ? `${algorithm}=${hex}` : hex
}
