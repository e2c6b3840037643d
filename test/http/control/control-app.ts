/**
 * @module The app on virtual time with an in-process webhook sink, plus helpers for control-API
 * tests: JSON calls, a snapshot of all state, and an assertion that a refused request left that
 * state exactly as it was.
 */
import { expect } from 'vitest'
import type { WebhookRequest, WebhookResult } from '../../../src/core/kernel/outbox.js'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { createApp } from '../../../src/http/create-app.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'
import { emailTo } from '../../support/virtual-emulator.js'

export interface SinkRequest extends WebhookRequest {
  payload: any
  at: number
}

export interface ControlAppOptions {
  config?: EmulatorConfigInput
  controlToken?: string
  /** Status for the nth webhook attempt (0-based); 200 unless changed. */
  respond?: (request: WebhookRequest, index: number) => WebhookResult
}

export function controlApp({
  config = {},
  controlToken,
  respond = () => ({ status: 200, latencyMs: 3 }),
}: ControlAppOptions = {}) {
  const sink: SinkRequest[] = []
  const emulator = createEmulator({
    clock: 'virtual',
    config: { seed: 11, ...config },
    transport: async (request) => {
      sink.push({ ...request, payload: JSON.parse(request.body), at: emulator.now() })
      return respond(request, sink.length - 1)
    },
  })
  const app = createApp(emulator, { controlToken })

  /** A JSON call; `body` strings are sent as they are (for malformed JSON). */
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    }
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
    const response = await app.request(path, init)
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
  }

  const send = (body: unknown, key = 'any-key') => call('POST', '/v2/messages', body, { key })

  /** Everything a control call could change, serialised. */
  const snapshot = () =>
    JSON.stringify({
      messages: emulator.messages(),
      deliveries: emulator.deliveries(),
      suppressed: emulator.suppressed(),
      unsubscribed: emulator.unsubscribed(),
      targets: emulator.targets(),
      rules: emulator.rules(),
      sandbox: emulator.sandbox(),
      clock: emulator.clockState(),
      inbound: emulator.inbound(),
      timers: emulator.stats().pendingTimers,
      sink: sink.length,
    })

  /** Sends a bad request and asserts a clear JSON 4xx naming the problem, and that nothing changed. */
  async function expectRefused(
    method: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
    message: RegExp,
  ) {
    const before = snapshot()
    const response = await call(method, path, body)
    expect(response.status, JSON.stringify(response.body)).toBe(status)
    expect(response.body).toMatchObject({ code })
    expect(response.body.message).toMatch(message)
    await emulator.advance(0)
    expect(snapshot()).toBe(before)
    return response.body as { code: string; message: string; field?: string }
  }

  return { emulator, app, sink, call, send, snapshot, expectRefused }
}

/** A vendor send request; HTML unless `text` is set. */
export const mail = emailTo

export const textMail = (to: string) => mail(to, { content: { type: 'text', subject: 'Hello', text: 'Hi' } })

/** Receipts the sink got, as [destination, deliveryStatus, Description]. */
export const receiptsIn = (sink: SinkRequest[]) =>
  sink
    .filter((r) => r.payload.deliveryInfoNotification)
    .map((r) => {
      const info = r.payload.deliveryInfoNotification.deliveryInfo
      return [info.destination, info.deliveryStatus, info.Description] as const
    })
