/**
 * @module Delivers webhooks to an in-process function instead of over HTTP: for unit tests that
 * want receipts without any handler or server. The function's return value is the "HTTP status".
 */
import type { WebhookRequest, WebhookResult, WebhookTransport } from '../core/kernel/outbox.js'
import { webhookHeaders } from './webhook-headers.js'

/**
 * What an `onWebhook` sink receives: the POST the emulator would have made. `headers` and `payload`
 * are getters, made on first read: read or destructure them (`({ payload }) => …`); a spread copy
 * has `url` and `body` only, and `JSON.stringify(webhook)` writes all four.
 */
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

/**
 * The webhook a sink is handed. Headers and payload are made when the sink first reads them (then
 * kept): a sink that only counts webhooks should not pay a JSON.parse and a header object for each.
 * A class, so the getters live once on its prototype: an object literal with getters made two
 * closures and a slow-to-build object per webhook, a tenth of an in-process send's garbage
 * (bench/PROFILE.md).
 */
class SinkRequest implements SinkWebhook {
  readonly url: string
  readonly body: string
  #request: WebhookRequest
  #headers: Record<string, string> | undefined
  #payload: unknown
  #parsed = false

  constructor(request: WebhookRequest) {
    this.url = request.url
    this.body = request.body
    this.#request = request
  }

  get headers(): Record<string, string> {
    this.#headers ??= webhookHeaders(this.#request)
    return this.#headers
  }

  get payload(): unknown {
    if (!this.#parsed) {
      this.#payload = JSON.parse(this.body)
      this.#parsed = true
    }
    return this.#payload
  }

  /** All four fields for `JSON.stringify`, so a logged webhook shows what it holds (a spread copies only `url` and `body`). */
  toJSON(): SinkWebhook {
    return { url: this.url, headers: this.headers, body: this.body, payload: this.payload }
  }
}

export function createSinkTransport(sink: WebhookSink): WebhookTransport {
  return async (request): Promise<WebhookResult> => {
    const started = performance.now()
    try {
      const status = (await sink(new SinkRequest(request))) ?? 200
      return { status, latencyMs: Math.round(performance.now() - started) }
    } catch (error) {
      return {
        error: error instanceof Error ? error.message : String(error),
        latencyMs: Math.round(performance.now() - started),
      }
    }
  }
}
