/**
 * @module Delivers webhooks to an in-process function instead of over HTTP: for unit tests that
 * want receipts without any handler or server. The function's return value is the "HTTP status".
 */
import type { WebhookResult, WebhookTransport } from '../core/kernel/outbox.js'
import { webhookHeaders } from './webhook-headers.js'

/** What an `onWebhook` sink receives: the POST the emulator would have made. */
export interface SinkWebhook {
  url: string
  headers: Record<string, string>
  /** The raw JSON body, exactly as it would be posted. */
  body: string
  /** The parsed body. */
  payload: unknown
}

/**
 * Receives webhooks in-process (`onWebhook`). Return a status (200 when nothing is returned);
 * throwing counts as a connection error, so retries can be tested without a server.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a sink that returns nothing (sync or async) means 200
export type WebhookSink = (webhook: SinkWebhook) => number | void | Promise<number | void>

export function createSinkTransport(sink: WebhookSink): WebhookTransport {
  return async (request): Promise<WebhookResult> => {
    const started = performance.now()
    try {
      // Headers and payload are made when the sink first reads them (then kept): a sink that only
      // counts webhooks should not pay a JSON.parse and a header object for each (bench/PROFILE.md).
      let headers: Record<string, string> | undefined
      let payload: unknown
      let parsed = false
      const status =
        (await sink({
          url: request.url,
          get headers() {
            headers ??= webhookHeaders(request)
            return headers
          },
          body: request.body,
          get payload() {
            if (!parsed) {
              payload = JSON.parse(request.body)
              parsed = true
            }
            return payload
          },
        })) ?? 200
      return { status, latencyMs: Math.round(performance.now() - started) }
    } catch (error) {
      return {
        error: error instanceof Error ? error.message : String(error),
        latencyMs: Math.round(performance.now() - started),
      }
    }
  }
}
