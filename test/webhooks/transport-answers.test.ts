/**
 * A transport is user code (`transport`, `onWebhook`): whatever it answers, the attempt ends, is
 * recorded, and frees its slot — `runUntilIdle()` never waits forever on a malformed answer.
 */
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebhookTransport } from '../../src/core/kernel/outbox.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { createSinkTransport } from '../../src/webhooks/sink-transport.js'
import { createUndiciTransport } from '../../src/webhooks/undici-transport.js'

const mail = {
  channel: 'email',
  from: 'me@x.test',
  to: [{ email: ['ann@x.test'] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
}
const target = { url: 'http://app.test/hooks' }

/** Sends one email (two receipts) through `transport` and runs until idle; the attempts as recorded. */
async function attemptsWith(transport: WebhookTransport, webhooks: object = {}) {
  const emulator = createEmulator({
    clock: 'virtual',
    config: { webhooks: { targets: [target], retries: 0, concurrencyPerTarget: 1, ...webhooks } },
    transport,
  })
  emulator.send(mail)
  await emulator.runUntilIdle()
  expect(emulator.stats().inFlight).toBe(0)
  return emulator
    .deliveries()
    .flatMap((delivery) => delivery.attempts.map((attempt) => ({ state: delivery.state, ...attempt })))
}

describe('a transport answering something that is not a result', () => {
  it('records undefined (a forgotten return) as a failed attempt, and goes on to the next receipt', async () => {
    const attempts = await attemptsWith((async () => undefined) as never)
    expect(attempts).toHaveLength(2)
    for (const attempt of attempts)
      expect(attempt).toMatchObject({
        state: 'failed',
        status: undefined,
        error: 'the transport answered undefined, not a result ({ status } or { error })',
      })
  })

  it('records a status that is not an HTTP status as a failure naming it', async () => {
    const [attempt] = await attemptsWith((async () => ({ status: '200', latencyMs: 1 })) as never)
    expect(attempt).toMatchObject({
      state: 'failed',
      error: 'the transport answered status 200, not an HTTP status (100–999)',
    })
  })

  it('keeps a good status with odd extras, dropping what is not text', async () => {
    const [attempt] = await attemptsWith((async () => ({ status: 204, latencyMs: -5, responseBody: 42 })) as never)
    expect(attempt).toMatchObject({ state: 'delivered', status: 204, latencyMs: 0 })
    expect(attempt).not.toHaveProperty('responseBody')
  })

  it('records a throw of an object without a string form', async () => {
    const [attempt] = await attemptsWith((() => {
      throw Object.create(null)
    }) as never)
    expect(attempt).toMatchObject({ state: 'failed', error: '[object Object]' })
  })
})

describe('an onWebhook sink that waits on the emulator', () => {
  it('ends as timed out at the attempt deadline instead of waiting for itself forever', async () => {
    let emulator: Emulator | undefined
    emulator = createEmulator({
      clock: 'virtual',
      config: { webhooks: { targets: [target], retries: 0, timeout: 30 } },
      transport: createSinkTransport(async () => {
        // Waits for every attempt to end, this one included.
        await emulator!.runUntilIdle()
        return 200
      }),
    })
    emulator.send(mail)
    await emulator.runUntilIdle()
    const errors = emulator.deliveries().map((delivery) => delivery.attempts[0]?.error)
    expect(errors).toHaveLength(2)
    for (const error of errors) expect(error).toMatch(/^timed out after 30 ms: the onWebhook sink had not answered/)
  })
})

/**
 * Over raw TCP (Node's HTTP servers refuse to send some of these answers; receivers elsewhere do):
 * a receiver that writes `answer` for each request, the emulator's mail delivered to it over undici on
 * virtual time, and its deliveries once nothing is left to run.
 */
describe('a receiver answering what an HTTP server in Node would not', () => {
  let server: Server | undefined
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())))

  async function deliveriesTo(answer: (socket: Socket) => void, webhooks: { retries?: number } = {}) {
    server = createServer((socket) => socket.on('data', () => answer(socket)))
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
    const transport = createUndiciTransport()
    const emulator = createEmulator({
      clock: 'virtual',
      transport,
      config: { webhooks: { targets: [{ url }], concurrencyPerTarget: 1, ...webhooks } },
    })
    try {
      emulator.send(mail)
      await emulator.runUntilIdle()
      return emulator.deliveries()
    } finally {
      await emulator.close()
      transport.close()
    }
  }

  it('a status past 599 is recorded with its status and answer, as the HTTP client read them', async () => {
    const [delivery] = await deliveriesTo(
      (socket) => socket.end('HTTP/1.1 799 Custom\r\nContent-Length: 7\r\nConnection: close\r\n\r\nnope-99'),
      { retries: 0 },
    )
    expect(delivery!.attempts[0]).toMatchObject({
      status: 799,
      verdict: 'failed',
      error: undefined,
      responseBody: 'nope-99',
    })
  })

  it.each([
    [204, 'delivered'],
    [304, 'failed'],
  ])(
    'a %i with a Content-Length is recorded as its status (%s at once): it has no body, whatever Content-Length says',
    async (status, verdict) => {
      // A Content-Length on a 304 is allowed (RFC 9110 §8.6), and some servers put one on a 204.
      let requests = 0
      const deliveries = await deliveriesTo((socket) => {
        requests++
        socket.write(`HTTP/1.1 ${status} Answer\r\nContent-Length: 5\r\n\r\n`)
      })
      expect(deliveries).toHaveLength(2)
      // One attempt each, none retried.
      for (const delivery of deliveries)
        expect(delivery.attempts).toMatchObject([{ status, verdict, error: undefined }])
      expect(requests).toBe(2)
    },
  )

  it('an answer ending part-way through a UTF-8 character is recorded to its end, the last bytes as U+FFFD as a fetch reads them', async () => {
    // "café" in Latin-1: its last byte starts a UTF-8 character that never comes.
    const answer = Buffer.from('caf\xe9', 'latin1')
    const [delivery] = await deliveriesTo(
      (socket) => {
        socket.write(`HTTP/1.1 500 Erreur\r\nContent-Length: ${answer.length}\r\n\r\n`)
        socket.write(answer)
      },
      { retries: 0 },
    )
    expect(delivery!.attempts[0]).toMatchObject({ status: 500, responseBody: 'caf\ufffd' })
  })
})
