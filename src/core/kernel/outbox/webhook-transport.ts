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

/** What a thrown value says, whatever was thrown (`String()` itself throws for some objects). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message
  try {
    return String(error)
  } catch {
    return Object.prototype.toString.call(error)
  }
}

/**
 * A transport's answer as the outbox records it. A transport is user code too (`transport`,
 * `onWebhook`): an answer that is not a result — `undefined` from a forgotten `return`, a status
 * that is not an HTTP status — becomes a failed attempt saying so, never a throw in the outbox.
 */
export function checkedResult(answer: unknown): WebhookResult {
  if (typeof answer !== 'object' || answer === null)
    return {
      error: `the transport answered ${describeThrown(answer)}, not a result ({ status } or { error })`,
      latencyMs: 0,
    }
  const { status, error, latencyMs, responseBody } = answer as Record<string, unknown>
  const latency = typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0 ? latencyMs : 0
  // Any three digits from 100: HTTP parsers (llhttp, undici) take a receiver's 799 as it is.
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 999))
    return {
      error: `the transport answered status ${describeThrown(status)}, not an HTTP status (100–999)`,
      latencyMs: latency,
    }
  if (status === undefined && typeof error !== 'string')
    return { error: 'the transport answered neither a status nor an error', latencyMs: latency }
  // The common answer, already well formed, is kept as it is: no copy per attempt.
  if (
    latency === latencyMs &&
    (responseBody === undefined || typeof responseBody === 'string') &&
    (error === undefined || typeof error === 'string')
  )
    return answer as WebhookResult
  const result: WebhookResult = { latencyMs: latency }
  if (status !== undefined) result.status = status as number
  if (error !== undefined) result.error = describeThrown(error)
  if (typeof responseBody === 'string') result.responseBody = responseBody
  return result
}

/** Performs one HTTP attempt. Must resolve, never reject: failures are results. */
export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResult>
