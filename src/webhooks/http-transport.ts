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
import { basicAuthorization, webhookHeaders } from './webhook-headers.js'

export interface HttpTransportOptions {
  /** Defaults to whatever `globalThis.fetch` is at the moment of each attempt. */
  fetch?: typeof fetch
}

// Attempt deadlines run on real time, whatever the emulated clock does; taken when this module
// loads, so fake timers installed later by a test cannot stall (or fire) them.
const { setTimeout: setDeadline, clearTimeout: clearDeadline } = globalThis

function describeFailure(error: unknown): string {
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
    // fetch refuses a URL with credentials: they go as Basic auth instead, as over undici.
    let url = request.url
    if (url.includes('@') && URL.canParse(url)) {
      const parsed = new URL(url)
      const authorization = basicAuthorization(parsed)
      if (authorization) {
        headers.authorization ??= authorization
        parsed.username = parsed.password = ''
        url = parsed.href
      }
    }
    const started = performance.now()
    const latency = () => Math.round(performance.now() - started)
    // Vendor: 10 s per attempt, headers and body together. The deadline aborts the request (which
    // closes the connection) and also ends the attempt by itself, so a fetch that ignores its
    // signal, or a body still trickling in, cannot hold the attempt past it.
    const controller = new AbortController()
    let deadline: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<WebhookResult>((resolve) => {
      deadline = setDeadline(() => {
        resolve({ error: `timed out after ${request.timeoutMs} ms`, latencyMs: latency() })
        controller.abort()
      }, request.timeoutMs)
      // A number in browsers; in Node the timer must not keep the process alive on its own.
      ;(deadline as { unref?: () => void }).unref?.()
    })
    const exchange = async (): Promise<WebhookResult> => {
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers,
          body: request.body,
          redirect: 'manual',
          signal: controller.signal,
        })
        // Read to the end so the connection can be reused (keep-alive); its start is kept. A body
        // that breaks off is a failed attempt, not an empty answer.
        const answer = (await response.text()).slice(0, maxResponseBodyChars)
        return { status: response.status, latencyMs: latency(), ...(answer ? { responseBody: answer } : {}) }
      } catch (error) {
        return { error: describeFailure(error), latencyMs: latency() }
      }
    }
    try {
      return await Promise.race([exchange(), timedOut])
    } finally {
      clearDeadline(deadline)
    }
  }
}
