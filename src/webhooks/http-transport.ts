/**
 * @module Delivers one webhook attempt over HTTP. `fetch` is looked up on every call, never captured,
 * so MSW (which replaces globalThis.fetch at `server.listen()`) sees every webhook.
 */
import {
  maxResponseBodyChars,
  type WebhookRequest,
  type WebhookResult,
  type WebhookTransport,
} from '../core/kernel/outbox.js'
import { webhookHeaders } from './webhook-headers.js'

export interface HttpTransportOptions {
  /** Defaults to whatever `globalThis.fetch` is at the moment of each attempt. */
  fetch?: typeof fetch
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `timed out after ${timeoutMs} ms`
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ECONNRESET, bad port…) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  if (cause?.code) return `${cause.message ?? 'connection failed'} (${cause.code})`
  if (cause?.message) return `${(error as Error).message}: ${cause.message}`
  return error instanceof Error ? error.message : String(error)
}

export function createHttpTransport(options: HttpTransportOptions = {}): WebhookTransport {
  return async (request: WebhookRequest): Promise<WebhookResult> => {
    const doFetch = options.fetch ?? globalThis.fetch
    const headers = webhookHeaders(request)
    const started = performance.now()
    try {
      const response = await doFetch(request.url, {
        method: 'POST',
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      })
      // Reading the body lets the connection be reused (keep-alive); its start is kept.
      const answer = (await response.text().catch(() => '')).slice(0, maxResponseBodyChars)
      return {
        status: response.status,
        latencyMs: Math.round(performance.now() - started),
        ...(answer ? { responseBody: answer } : {}),
      }
    } catch (error) {
      return { error: describeFailure(error, request.timeoutMs), latencyMs: Math.round(performance.now() - started) }
    }
  }
}
