import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../src/core/kernel/outbox.js'
import { createSinkTransport } from '../../src/webhooks/sink-transport.js'

// The in-process sink (`onWebhook`) as a transport: what it reports for each kind of answer.
const request: WebhookRequest = {
  id: 'd1',
  url: 'https://app.test/hooks',
  body: '{"a":1}',
  headers: { 'content-type': 'application/json' },
  hubSecret: undefined,
  timeoutMs: 10_000,
}

describe('the in-process webhook sink', () => {
  it('reports the status the sink returns, or 200 for none', async () => {
    await expect(createSinkTransport(() => 503)(request)).resolves.toEqual({
      status: 503,
      latencyMs: expect.any(Number),
    })
    await expect(createSinkTransport(() => undefined)(request)).resolves.toMatchObject({ status: 200 })
  })

  it('reports a sink that throws as a connection error', async () => {
    const threw = createSinkTransport(() => {
      throw new Error('receiver down')
    })(request)
    await expect(threw).resolves.toEqual({ error: 'receiver down', latencyMs: expect.any(Number) })
  })

  it('waits for a sink that returns a promise, and reports a rejection as a connection error', async () => {
    await expect(createSinkTransport(async () => 202)(request)).resolves.toMatchObject({ status: 202 })
    await expect(createSinkTransport(async () => undefined)(request)).resolves.toMatchObject({ status: 200 })
    await expect(
      createSinkTransport(async () => {
        throw new Error('async receiver down')
      })(request),
    ).resolves.toMatchObject({ error: 'async receiver down' })
  })

  it('hands the sink the body as posted, with the parsed payload and the headers', () => {
    let seen: { body: string; payload: unknown; contentType: string | undefined } | undefined
    createSinkTransport((webhook) => {
      seen = { body: webhook.body, payload: webhook.payload, contentType: webhook.headers['content-type'] }
      return 200
    })(request)
    expect(seen).toEqual({ body: '{"a":1}', payload: { a: 1 }, contentType: 'application/json' })
  })

  it('parses the payload only when the sink reads it, and once', async () => {
    // A sink that only counts pays no parse: a body that is not JSON goes unnoticed.
    await expect(createSinkTransport(() => 200)({ ...request, body: 'not json' })).resolves.toMatchObject({
      status: 200,
    })
    const reads: unknown[] = []
    await createSinkTransport((webhook) => {
      reads.push(webhook.payload, webhook.payload)
    })(request)
    expect(reads[0]).toBe(reads[1])
  })
})
