/**
 * @module Delivers webhooks to an in-process function instead of over HTTP: for unit tests that
 * want receipts without any handler or server. The function's return value is the "HTTP status".
 */
import {
  describeThrown,
  type WebhookRequest,
  type WebhookResult,
  type WebhookTransport,
} from '../core/kernel/outbox.js'
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
 * throwing counts as a connection error, so retries can be tested without a server. An async sink
 * gets the attempt's wall-time deadline (`webhooks.timeout`), as a receiver over HTTP does: one that
 * never answers — or waits for the emulator to go idle, which waits for this very attempt — ends as
 * `timed out` instead of holding every `runUntilIdle()` for good.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a sink that returns nothing (sync or async) means 200
export type WebhookSink = (webhook: SinkWebhook) => number | void | Promise<number | void>

// Deadlines run on real time, taken when this module loads, so fake timers installed later by a test
// cannot stall (or fire) them.
const { setTimeout: setDeadline, clearTimeout: clearDeadline } = globalThis

const timedOut = Symbol('timed out')

/** The sink's promise, or `timedOut` once `ms` of wall time have passed without an answer. */
function withinDeadline<T>(answer: PromiseLike<T>, ms: number): Promise<T | typeof timedOut> {
  let deadline: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    answer,
    new Promise<typeof timedOut>((resolve) => {
      deadline = setDeadline(() => resolve(timedOut), ms)
      // As the HTTP transports' deadlines: a sink still pending must not keep the process alive.
      ;(deadline as { unref?: () => void }).unref?.()
    }),
  ]).finally(() => clearDeadline(deadline))
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'

/** A sink's answer as an attempt's result: a status, nothing (200), or a failure saying what came back. */
function sinkResult(answer: unknown, latencyMs: number): WebhookResult {
  if (answer === undefined || answer === null) return { status: 200, latencyMs }
  if (typeof answer === 'number' && Number.isInteger(answer) && answer >= 100 && answer <= 599)
    return { status: answer, latencyMs }
  return {
    error: `onWebhook returned ${describeThrown(answer)}: return an HTTP status (100–599), or nothing for 200`,
    latencyMs,
  }
}

/** A constructor that returns the object it is given, so that a subclass's fields go onto that object. */
class ReturnsItsArgument {
  constructor(object: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the point of it; see LazyFields.
    return object
  }
}

/**
 * What a webhook's `headers` and `payload` are made from, and made into when the sink first reads
 * them (then kept): a sink that only counts webhooks should not pay a JSON.parse and a header object
 * for each (bench/PROFILE.md). They are private fields of this class, installed on the webhook
 * itself: the base class's constructor returns the webhook, and a subclass's constructor then adds
 * its private fields to whatever `super()` returned. So the webhook stays a plain object whose own
 * keys are its four fields, and nothing that lists or prints it — assertions, a spread,
 * `Reflect.ownKeys`, `util.inspect` even with `showHidden` — sees the request, whose secrets are in it.
 *
 * Its `headers` and `payload` are own accessors, enumerable as an object literal's are, defined from
 * one descriptor each, shared by every webhook. A literal's getters are new closures each time, which
 * gave each webhook a hidden class of its own, and V8 kept it as a slow dictionary: 700 bytes and
 * 0.65 µs a webhook, against about 105 bytes and 0.3 µs this way (measured, bench/PROFILE.md).
 */
class LazyFields extends ReturnsItsArgument {
  #request: WebhookRequest
  #headers: Record<string, string> | undefined
  #payload: unknown
  #parsed = false

  private constructor(webhook: object, request: WebhookRequest) {
    super(webhook)
    this.#request = request
  }

  /** The POST as the sink sees it: `url`, `headers`, `body` and `payload`, in that order. */
  static webhook(request: WebhookRequest): SinkWebhook {
    const webhook = { url: request.url } as SinkWebhook
    Object.defineProperty(webhook, 'headers', LazyFields.#headersProperty)
    webhook.body = request.body
    Object.defineProperty(webhook, 'payload', LazyFields.#payloadProperty)
    new LazyFields(webhook, request)
    return webhook
  }

  static #headersProperty: PropertyDescriptor = {
    get(this: LazyFields) {
      this.#headers ??= webhookHeaders(this.#request)
      return this.#headers
    },
    enumerable: true,
    configurable: true,
  }

  static #payloadProperty: PropertyDescriptor = {
    get(this: LazyFields) {
      if (!this.#parsed) {
        this.#payload = JSON.parse(this.#request.body)
        this.#parsed = true
      }
      return this.#payload
    },
    enumerable: true,
    configurable: true,
  }
}

export function createSinkTransport(sink: WebhookSink): WebhookTransport {
  return async (request): Promise<WebhookResult> => {
    const started = performance.now()
    const latency = () => Math.round(performance.now() - started)
    try {
      const answer: unknown = sink(LazyFields.webhook(request))
      // A synchronous answer needs no deadline (and no timer per webhook).
      if (!isPromiseLike(answer)) return sinkResult(answer, latency())
      const settled = await withinDeadline(answer, request.timeoutMs)
      if (settled === timedOut)
        return {
          error: `timed out after ${request.timeoutMs} ms: the onWebhook sink had not answered (a sink that awaits runUntilIdle() or advance() waits for its own attempt)`,
          latencyMs: latency(),
        }
      return sinkResult(settled, latency())
    } catch (error) {
      return { error: describeThrown(error), latencyMs: latency() }
    }
  }
}
