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

describe('the in-process webhook sink, answering oddly', () => {
  it('reports an answer that is not an HTTP status as a failed attempt saying what came back', async () => {
    for (const [answer, shown] of [
      [Symbol('oops'), 'Symbol(oops)'],
      ['200', '200'],
      [42, '42'],
      [200.5, '200.5'],
      [{ status: 200 }, '[object Object]'],
    ] as const) {
      const result = await createSinkTransport((() => answer) as never)(request)
      expect(result).toEqual({
        error: `onWebhook returned ${shown}: return an HTTP status (100–599), or nothing for 200`,
        latencyMs: expect.any(Number),
      })
    }
  })

  it('cuts off an async sink that never answers at the attempt deadline', async () => {
    const result = await createSinkTransport(() => new Promise<number>(() => {}))({ ...request, timeoutMs: 20 })
    expect(result.error).toMatch(/^timed out after 20 ms: the onWebhook sink had not answered/)
    expect(result.status).toBeUndefined()
  })

  it('reports a throw of something String() cannot print', async () => {
    const result = await createSinkTransport(() => {
      throw Object.create(null)
    })(request)
    expect(result).toEqual({ error: '[object Object]', latencyMs: expect.any(Number) })
  })
})

describe('the in-process webhook sink, still waiting', () => {
  it('does not keep the process alive by its deadline', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
    let answer!: (status: number) => void
    let called!: () => void
    const sinkCalled = new Promise<void>((resolve) => (called = resolve))
    const transport = createSinkTransport(() => {
      called()
      return new Promise<number>((resolve) => (answer = resolve))
    })
    const before = timeouts()
    const attempt = transport({ ...request, timeoutMs: 60_000 })
    await sinkCalled
    const during = timeouts()
    answer(200)
    expect(await attempt).toMatchObject({ status: 200 })
    expect(during).toBe(before)
  })
})
