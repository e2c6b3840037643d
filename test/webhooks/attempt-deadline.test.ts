import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebhookTransport } from '../../src/core/kernel/outbox.js'
import { createEmulator as createRuntimeEmulator } from '../../src/runtime/create-emulator.js'
import { createHttpTransport } from '../../src/webhooks/http-transport.js'
import { createUndiciTransport } from '../../src/webhooks/undici-transport.js'
import { eventually } from '../support/eventually.js'

/** One request the dribbling receiver got: when it came, and when its connection was closed. */
interface Dribble {
  body: string
  at: number
  closedAt: number | undefined
}

/**
 * A receiver that answers its status at once and then one byte every 200 ms, forever: the socket is
 * never idle long enough for an idle timeout, so only a deadline per attempt ends it.
 */
async function startDribblingReceiver() {
  const requests: Dribble[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const record: Dribble = { body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), closedAt: undefined }
      requests.push(record)
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('.')
      const dribble = setInterval(() => res.write('.'), 200)
      req.socket.on('close', () => {
        clearInterval(dribble)
        record.closedAt = Date.now()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const transports: Array<[string, () => WebhookTransport | undefined]> = [
  ['undici (the server)', () => undefined],
  ['fetch (MSW mode)', () => createHttpTransport()],
]

describe.each(transports)('the webhook timeout over %s', (_name, transport) => {
  let receiver: Awaited<ReturnType<typeof startDribblingReceiver>>
  beforeAll(async () => {
    receiver = await startDribblingReceiver()
  })
  afterAll(() => receiver.close())

  it('is a deadline for the whole attempt: a receiver dribbling its body is cut off, recorded as a timeout and retried', async () => {
    const emulator = createRuntimeEmulator({
      clock: 'real',
      transport: transport(),
      config: {
        seed: 3,
        // Only the Submitted receipt within the test: one delivery to watch.
        delays: { delivered: '1h' },
        webhooks: { targets: [{ url: receiver.url }], timeout: 300, retries: 1, retryDelay: 50 },
      },
    })
    try {
      const started = Date.now()
      const { messageId } = emulator.send({
        channel: 'email',
        from: 'news@brand.test',
        to: [{ email: ['ann@customer.test'] }],
        content: { type: 'text', subject: 'Hi', text: 'Hi' },
      })
      const [delivery] = await eventually(
        () => emulator.deliveries().filter((d) => d.transid === messageId),
        (list) => list.length === 1 && list[0]!.state === 'failed',
        { timeoutMs: 5_000, what: 'the delivery to fail after its retry' },
      )
      // Both attempts ended at the deadline, not when the receiver stopped (it never does).
      expect(delivery!.attempts).toMatchObject([
        { number: 1, status: undefined, error: 'timed out after 300 ms', verdict: 'retry' },
        { number: 2, status: undefined, error: 'timed out after 300 ms', verdict: 'failed' },
      ])
      for (const attempt of delivery!.attempts) {
        expect(attempt.latencyMs).toBeGreaterThanOrEqual(290)
        expect(attempt.latencyMs).toBeLessThan(1_500)
      }
      expect(Date.now() - started).toBeLessThan(4_000)
      // The retry was a second request, and each request's connection was torn down, not left dribbling.
      const mine = await eventually(
        () => receiver.requests.filter((r) => r.body.includes(messageId)),
        (list) => list.length === 2 && list.every((r) => r.closedAt !== undefined),
        { timeoutMs: 10_000, what: 'both connections to be closed' },
      )
      for (const request of mine) expect(request.closedAt! - request.at).toBeLessThan(1_500)
    } finally {
      await emulator.close(0)
    }
  })
})

describe('the fetch transport', () => {
  it('ends an attempt at its deadline even when the fetch ignores the abort signal and the body never ends', async () => {
    let signalled: AbortSignal | undefined
    const transport = createHttpTransport({
      // A fetch (a hand-written mock, say) that neither honours the signal nor ever finishes the body.
      fetch: async (_url, init) => {
        signalled = init?.signal ?? undefined
        return new Response(new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([46])) }))
      },
    })
    const started = performance.now()
    const result = await transport({
      id: 'd1',
      url: 'http://x.test/',
      body: '{}',
      headers: {},
      hubSecret: undefined,
      timeoutMs: 100,
    })
    expect(result).toEqual({ error: 'timed out after 100 ms', latencyMs: expect.any(Number) })
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(signalled?.aborted).toBe(true)
  })
})

describe('the undici transport', () => {
  let receiver: Awaited<ReturnType<typeof startDribblingReceiver>>
  beforeAll(async () => {
    receiver = await startDribblingReceiver()
  })
  afterAll(() => receiver.close())

  it('cuts off an attempt that waited for a connection at its own deadline, counted from when it got one', async () => {
    // One connection: the second attempt waits behind the first, which the receiver never finishes.
    const transport = createUndiciTransport({ connectionsPerOrigin: 1 })
    try {
      const attempt = (id: string) =>
        transport({ id, url: receiver.url, body: `{"id":"${id}"}`, headers: {}, hubSecret: undefined, timeoutMs: 300 })
      const results = await Promise.all([attempt('queued-1'), attempt('queued-2')])
      expect(results).toEqual([
        { error: 'timed out after 300 ms', latencyMs: expect.any(Number) },
        { error: 'timed out after 300 ms', latencyMs: expect.any(Number) },
      ])
      expect(results[1]!.latencyMs).toBeGreaterThanOrEqual(290)
      // Whatever reached the receiver was cut off: nothing is left dribbling on an open connection.
      await eventually(
        () => receiver.requests.filter((r) => r.body.includes('queued-')),
        (list) => list.length >= 1 && list.every((r) => r.closedAt !== undefined),
        { timeoutMs: 10_000, what: 'every connection of the queued attempts to be closed' },
      )
      // Proving an absence without waiting on time: the pool's one connection serves requests in
      // order, so a probe sent now reaches the receiver only after anything still queued ahead of it.
      void attempt('probe')
      await eventually(
        () => receiver.requests.some((r) => r.body.includes('probe')),
        (arrived) => arrived,
        { timeoutMs: 10_000, what: 'the probe behind the queued attempts to arrive' },
      )
      expect(receiver.requests.filter((r) => r.body.includes('queued-') && r.closedAt === undefined)).toEqual([])
    } finally {
      transport.close()
    }
  })

  it('loads undici on its first attempt, and an attempt made as it closes ends with an error, not a request', async () => {
    const transport = createUndiciTransport()
    const attempt = transport({
      id: 'late',
      url: receiver.url,
      body: '{"id":"late"}',
      headers: {},
      hubSecret: undefined,
      timeoutMs: 5_000,
    })
    // Closed while undici is still loading: the pool it then makes is destroyed before it is used.
    transport.close()
    expect(await attempt).toEqual({ error: expect.stringMatching(/destroyed/i), latencyMs: expect.any(Number) })
    expect(receiver.requests.filter((r) => r.body.includes('late'))).toEqual([])
  })

  it('does not charge an attempt the time it waited behind others to the same origin', async () => {
    // Each answer takes 200 ms, well within the 500 ms deadline; over one connection the fourth
    // attempt waits 600 ms for its turn (as many notifyUrls on one host wait for its pool).
    const slow = createServer((req, res) => {
      req.resume()
      req.on('end', () => setTimeout(() => res.end('ok'), 200))
    })
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hooks`
    const transport = createUndiciTransport({ connectionsPerOrigin: 1 })
    try {
      const attempt = (id: string) =>
        transport({ id, url: `${url}?${id}`, body: '{}', headers: {}, hubSecret: undefined, timeoutMs: 500 })
      const results = await Promise.all(['a', 'b', 'c', 'd'].map(attempt))
      expect(results.map((result) => result.status ?? result.error)).toEqual([200, 200, 200, 200])
      for (const result of results) expect(result.latencyMs).toBeLessThan(500)
    } finally {
      transport.close()
      slow.closeAllConnections()
      await new Promise<void>((resolve) => slow.close(() => resolve()))
    }
  })
})
