/**
 * @module The headers every webhook POST carries, whichever way it is delivered.
 */
import { lowerCased } from '../core/kernel/dispatch.js'
import type { WebhookRequest } from '../core/kernel/outbox.js'
import { hubSignature } from './hub-signature.js'
import { standardWebhooksHeaders } from './standard-webhooks.js'

export function webhookHeaders(request: WebhookRequest): Record<string, string> {
  // Header names are case-insensitive: a target's "User-Agent" or "Content-Type" replaces the
  // default, and a configured "X-Hub-Signature" the computed one, instead of going out beside it.
  // (The dispatcher records them lower-cased already; a delivery from an older state file may not be.)
  const headers: Record<string, string> = { 'user-agent': 'webex-connect-emulator', ...lowerCased(request.headers) }
  if (request.hubSecret)
    headers['x-hub-signature'] = hubSignature(request.body, request.hubSecret, request.hubSignature)
  // Fault injection (faults.badSignature): a well-formed signature made with the wrong secret.
  if (request.badSignature)
    headers['x-hub-signature'] = hubSignature(
      request.body,
      `not-${request.hubSecret ?? 'the-secret'}`,
      request.hubSignature,
    )
  if (request.signingSecret) {
    // The bad-signature fault spoils this one too: signed over a body that is not the one sent.
    Object.assign(
      headers,
      standardWebhooksHeaders(
        request.id,
        request.badSignature ? `${request.body} ` : request.body,
        request.signingSecret,
      ),
    )
  }
  return headers
}

/** `Authorization: Basic …` for credentials in a URL, as node:http's `auth` option sends them. */
export function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined
  return `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
}
