/**
 * @module Delivers one webhook attempt with node:http(s) over keep-alive agents: what the server
 * uses. It costs a fraction of `fetch` per request (no WHATWG Request/Response/stream objects, no
 * AbortSignal per attempt), which matters because every send makes at least two webhook POSTs.
 * MSW mode keeps the fetch transport (`createHttpTransport`), so test handlers see webhooks as fetches.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import {
  maxResponseBodyChars,
  type WebhookRequest,
  type WebhookResult,
  type WebhookTransport,
} from '../core/kernel/outbox.js'
import { webhookHeaders } from './webhook-headers.js'

export interface NodeHttpTransportOptions {
  /** Sockets kept per receiver origin; the outbox's per-target concurrency is the real bound. */
  maxSocketsPerOrigin?: number
}

// Attempt deadlines run on real time, whatever the emulated clock does; taken when this module
// loads, so fake timers installed later by a test cannot stall (or fire) them.
const { setTimeout: setDeadline, clearTimeout: clearDeadline } = globalThis

function describeError(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.message} (${error.code})` : error.message
}

export function createNodeHttpTransport({
  maxSocketsPerOrigin = 64,
}: NodeHttpTransportOptions = {}): WebhookTransport & { close(): void } {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: maxSocketsPerOrigin, maxFreeSockets: 16 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: maxSocketsPerOrigin, maxFreeSockets: 16 }),
  }
  // Parsed once per URL (receivers are few; a bounded cache in case they are not).
  const destinations = new Map<string, { secure: boolean; options: RequestOptions }>()
  const destination = (href: string) => {
    let found = destinations.get(href)
    if (!found) {
      const url = new URL(href)
      const secure = url.protocol === 'https:'
      found = {
        secure,
        options: {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: secure ? agents.https : agents.http,
        },
      }
      if (url.username || url.password)
        found.options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      if (destinations.size >= 256) destinations.delete(destinations.keys().next().value!)
      destinations.set(href, found)
    }
    return found
  }
  const transport = (request: WebhookRequest): Promise<WebhookResult> => {
    const started = performance.now()
    const latency = () => Math.round(performance.now() - started)
    let target: ReturnType<typeof destination>
    try {
      target = destination(request.url)
    } catch {
      return Promise.resolve({ error: `invalid URL "${request.url}"`, latencyMs: 0 })
    }
    const headers = { ...webhookHeaders(request), 'content-length': String(Buffer.byteLength(request.body)) }
    return new Promise<WebhookResult>((resolve) => {
      let settled = false
      const settle = (result: WebhookResult) => {
        if (settled) return
        settled = true
        clearDeadline(deadline)
        resolve(result)
      }
      const req = (target.secure ? httpsRequest : httpRequest)(
        { ...target.options, headers },
        (res: IncomingMessage) => {
          // Reading the answer to its end lets the socket go back to the pool; its start is kept.
          let answer = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            if (answer.length < maxResponseBodyChars) answer += chunk.slice(0, maxResponseBodyChars - answer.length)
          })
          res.on('end', () =>
            settle({ status: res.statusCode, latencyMs: latency(), ...(answer ? { responseBody: answer } : {}) }),
          )
          res.on('error', (error) => settle({ error: describeError(error), latencyMs: latency() }))
        },
      )
      // Vendor: 10 s per attempt, headers and body together. A deadline, not an idle timeout
      // (`req.setTimeout`), which a receiver dribbling a byte now and then would never trip.
      const deadline = setDeadline(() => {
        settle({ error: `timed out after ${request.timeoutMs} ms`, latencyMs: latency() })
        req.destroy() // the socket goes too: it is mid-answer, so it cannot return to the pool
      }, request.timeoutMs)
      deadline.unref()
      req.on('error', (error) => settle({ error: describeError(error), latencyMs: latency() }))
      req.end(request.body)
    })
  }
  return Object.assign(transport, {
    close() {
      agents.http.destroy()
      agents.https.destroy()
    },
  })
}
