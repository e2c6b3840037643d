/**
 * @module What the outbox asks a transport (src/webhooks/) to do, and what the transport reports
 * back. The outbox decides when; the transport does the HTTP.
 */
import type { HubSignatureOptions } from '../../schemas/config.js'

export interface WebhookRequest {
  url: string
  body: string
  headers: Record<string, string>
  /** The delivery's id: the same on every retry (Standard Webhooks' `webhook-id`). */
  id: string
  /** When set, the transport signs the body into `x-hub-signature`. */
  hubSecret: string | undefined
  /** The hub signature's hash and form (SHA-256, plain hex when absent). */
  hubSignature?: Readonly<HubSignatureOptions> | undefined
  /** When set, the transport adds Standard Webhooks signature headers. */
  signingSecret?: string | undefined
  timeoutMs: number
  /** Fault injection: send a wrong `x-hub-signature`. */
  badSignature?: boolean
}

export interface WebhookResult {
  status?: number
  error?: string
  latencyMs: number
  /** The start of what the receiver answered (transports keep at most `maxResponseBodyChars`). */
  responseBody?: string
}

/** How much of a receiver's answer an attempt keeps: enough to see its error message, no more. */
export const maxResponseBodyChars = 1_024

/** Performs one HTTP attempt. Must resolve, never reject: failures are results. */
export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResult>
