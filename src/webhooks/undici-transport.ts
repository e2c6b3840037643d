/**
 * @module Delivers one webhook attempt with undici's keep-alive connection pools, through its
 * low-level `dispatch` with a callback handler: what the server uses. Measured against `node:http`
 * keep-alive agents and `fetch` in bench/PROFILE.md (decision 014): no stream, no WHATWG
 * Request/Response and no AbortSignal per attempt, which matters because every send makes at least
 * two webhook POSTs. MSW mode keeps the fetch transport (`createHttpTransport`), so test handlers
 * see webhooks as fetches.
 */
import { StringDecoder } from 'node:string_decoder'
import type { Agent, Dispatcher } from 'undici'
import { Fifo } from '../core/kernel/fifo.js'
import {
  maxResponseBodyChars,
  type WebhookRequest,
  type WebhookResult,
  type WebhookTransport,
} from '../core/kernel/outbox.js'
import { basicAuthorization, webhookHeaders } from './webhook-headers.js'

export interface UndiciTransportOptions {
  /** Connections per receiver origin, and attempts in flight to it: more wait their turn, off the clock. */
  connectionsPerOrigin?: number
}

// Attempt deadlines run on real time, whatever the emulated clock does; taken when this module
// loads, so fake timers installed later by a test cannot stall (or fire) them.
const { setTimeout: setDeadline, clearTimeout: clearDeadline } = globalThis

function describeError(error: Error & { code?: string }): string {
  return error.code ? `${error.message} (${error.code})` : error.message
}

interface Destination {
  origin: string
  path: string
  /** `Authorization: Basic …` for credentials in the URL, as node:http's `auth` option sends them. */
  authorization?: string
}

export function createUndiciTransport({
  connectionsPerOrigin = 64,
}: UndiciTransportOptions = {}): WebhookTransport & { close(): void } {
  // One pool per origin, made on first use; idle connections close after 4 s unless the receiver's
  // Keep-Alive header says otherwise. undici itself is loaded on the first attempt, not with this
  // module: loading it takes about 100 ms, a third of the CLI's start-up (bench/PROFILE.md), and a
  // server without webhook targets never needs it.
  let agent: Agent | undefined
  let loading: Promise<Agent> | undefined
  let closed = false
  const loadAgent = () =>
    (loading ??= import('undici').then(({ Agent }) => {
      agent = new Agent({ connections: connectionsPerOrigin, keepAliveTimeout: 4_000 })
      if (closed) agent.destroy().catch(() => {})
      return agent
    }))
  // Parsed once per URL (receivers are few; a bounded cache in case they are not).
  const destinations = new Map<string, Destination>()
  const destination = (href: string): Destination => {
    let found = destinations.get(href)
    if (!found) {
      const url = new URL(href)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)')
      found = { origin: url.origin, path: `${url.pathname}${url.search}` }
      const authorization = basicAuthorization(url)
      if (authorization) found.authorization = authorization
      if (destinations.size >= 256) destinations.delete(destinations.keys().next().value!)
      destinations.set(href, found)
    }
    return found
  }
  // Attempts in flight per receiver origin, and those waiting for one of its connections. An attempt
  // waits its turn here, before its deadline starts, as it does for a slot in the outbox: many
  // notifyUrls (or targets) on one origin share its pool, and time spent behind the others is not
  // the receiver's. Never more in flight than the pool has connections, so none waits in undici.
  // A Fifo: with thousands of notifyUrls on one origin the line is long, and Array#shift copies it.
  const lines = new Map<string, { running: number; waiting: Fifo<() => void> }>()

  const transport = (request: WebhookRequest): Promise<WebhookResult> => {
    // Set when the request is dispatched: latency and deadline count from there, so the first
    // attempt is not charged the time it took to load undici.
    let started = 0
    const latency = () => Math.round(performance.now() - started)
    let target: Destination
    try {
      target = destination(request.url)
    } catch {
      return Promise.resolve({ error: `invalid URL "${request.url}"`, latencyMs: 0 })
    }
    const headers = webhookHeaders(request)
    if (target.authorization && headers.authorization === undefined) headers.authorization = target.authorization
    return new Promise<WebhookResult>((resolve) => {
      let settled = false
      let controller: Dispatcher.DispatchController | undefined
      let timedOut = false
      let deadline: ReturnType<typeof setDeadline> | undefined
      const settle = (result: WebhookResult) => {
        if (settled) return
        settled = true
        if (deadline !== undefined) clearDeadline(deadline)
        resolve(result)
        if (!line) return
        // Started on a fresh stack: a line of attempts failing at once must not recurse through it.
        const next = line.waiting.shift()
        if (next) queueMicrotask(next)
        else if (--line.running === 0) lines.delete(target.origin)
      }
      let line: { running: number; waiting: Fifo<() => void> } | undefined
      let status = 0
      let decoder: StringDecoder | undefined
      let answer = ''
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(started) {
          controller = started
          if (timedOut) started.abort(new Error('webhook attempt deadline'))
        },
        onResponseStart(_controller, statusCode) {
          status = statusCode
          // A 204 or 304 has no body (RFC 9110 §6.4.1), whatever its Content-Length says: its head is
          // the whole answer. undici reads a Content-Length on one as a body cut short, an error.
          if (status === 204 || status === 304) settle({ status, latencyMs: latency() })
        },
        onResponseData(_controller, chunk) {
          // Reading the answer to its end lets the connection go back to the pool; its start is kept.
          if (answer.length >= maxResponseBodyChars) return
          decoder ??= new StringDecoder('utf8')
          answer += decoder.write(chunk).slice(0, maxResponseBodyChars - answer.length)
        },
        onResponseEnd() {
          // Bytes the decoder holds back for a character they do not complete end the answer as U+FFFD.
          if (decoder && answer.length < maxResponseBodyChars)
            answer += decoder.end().slice(0, maxResponseBodyChars - answer.length)
          settle({ status, latencyMs: latency(), ...(answer ? { responseBody: answer } : {}) })
        },
        onResponseError(_controller, error) {
          settle({ error: describeError(error), latencyMs: latency() })
        },
      }
      const dispatch = (to: Agent) => {
        started = performance.now()
        // Vendor: 10 s per attempt, connect, headers and body together. A deadline, not an idle
        // timeout, which a receiver dribbling a byte now and then would never trip. Aborting closes
        // the connection (it is mid-answer, so it cannot go back to the pool).
        deadline = setDeadline(() => {
          timedOut = true
          settle({ error: `timed out after ${request.timeoutMs} ms`, latencyMs: latency() })
          controller?.abort(new Error('webhook attempt deadline'))
        }, request.timeoutMs)
        deadline.unref()
        try {
          to.dispatch(
            { origin: target.origin, path: target.path, method: 'POST', headers, body: request.body },
            handler,
          )
        } catch (error) {
          settle({ error: describeError(error as Error), latencyMs: latency() })
        }
      }
      const start = () => {
        if (agent) dispatch(agent)
        else loadAgent().then(dispatch, (error: Error) => settle({ error: describeError(error), latencyMs: 0 }))
      }
      line = lines.get(target.origin)
      if (!line) lines.set(target.origin, (line = { running: 0, waiting: new Fifo() }))
      if (line.running < connectionsPerOrigin) {
        line.running++
        start()
      } else line.waiting.push(start)
    })
  }
  return Object.assign(transport, {
    close() {
      closed = true
      agent?.destroy().catch(() => {})
    },
  })
}
