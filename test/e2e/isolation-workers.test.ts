// Test workers sharing one real server with isolation "service": each runs the same test at the
// same time, with its own key, receiver and virtual clock, and must see nothing of the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { sseReader } from '../http/control/sse.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

let server: RunningServer
const receivers: WebhookReceiver[] = []
const streams = new AbortController()

beforeAll(async () => {
  server = await startServer(createIsolatedEmulator({ clock: 'real', config: { seed: 4 } }), {
    port: 0,
    host: '127.0.0.1',
  })
})

afterAll(async () => {
  streams.abort()
  await server.close(500)
  await Promise.all(receivers.map((r) => r.close()))
})

/** A worker's view of the emulator: its key on the vendor API, the same key as its tenant on /_emulator. */
function client(key: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      // Every write sends JSON's content type, even without a body (the control API's cross-site guard).
      headers: { ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  return {
    send: (to: string[]) =>
      call(
        'POST',
        '/v2/messages',
        {
          channel: 'email',
          from: `app-${key}@shop.test`,
          to: [{ email: to }],
          content: { type: 'text', subject: key, text: 'Hi' },
        },
        { key },
      ),
    control: (method: string, path: string, body?: unknown) =>
      call(method, `/_emulator${path}`, body, { 'x-emulator-tenant': key }),
  }
}

/** Resolves once `count` callers have arrived: holds every worker at the same phase, so their requests interleave. */
function barrier(count: number) {
  let arrived = 0
  let release!: () => void
  const all = new Promise<void>((resolve) => (release = resolve))
  return () => {
    if (++arrived === count) release()
    return all
  }
}

describe('isolation "service" over real HTTP, workers at the same time', () => {
  it("no worker sees another's messages, receipts, lists or targets", async () => {
    const workers = [1, 2, 3, 4]
    const phase = [barrier(workers.length), barrier(workers.length), barrier(workers.length)]

    const results = await Promise.all(
      workers.map(async (n) => {
        const key = `worker-${n}`
        const { send, control } = client(key)
        const receiver = await startWebhookReceiver()
        receivers.push(receiver)
        // Set up: time that moves only when this worker says, its receiver, one list entry of its own.
        await control('PUT', '/clock', { mode: 'virtual' })
        await control('POST', '/webhooks/targets', { url: `${receiver.url}/hooks` })
        await control('POST', '/suppression', { address: `kept-${n}@x.test` })
        await phase[0]!()
        const sent = await send([`w${n}@x.test`, `w${n}+bounce@x.test`])
        await phase[1]!()
        // Everything due within 2 s fires, and its webhooks are attempted, before this answers.
        await control('POST', '/clock/advance', { by: '2s' })
        await phase[2]!()
        return {
          n,
          messageId: sent.messageId as string,
          messages: (await control('GET', '/messages')).messages,
          deliveries: (await control('GET', '/webhooks')).deliveries,
          suppressed: (await control('GET', '/suppression')).entries.map((e: any) => e.address).sort(),
          targets: (await control('GET', '/webhooks/targets')).targets.map((t: any) => t.url),
          received: receiver.received.map((r) => r.body.deliveryInfoNotification),
          receiverUrl: receiver.url,
        }
      }),
    )

    for (const { n, messageId, messages, deliveries, suppressed, targets, received, receiverUrl } of results) {
      expect(messages.map((m: any) => m.messageId)).toEqual([messageId])
      expect(suppressed).toEqual([`kept-${n}@x.test`, `w${n}+bounce@x.test`])
      expect(targets).toEqual([`${receiverUrl}/hooks`])
      expect(deliveries).toHaveLength(4)
      expect(deliveries.every((d: any) => d.transid === messageId && d.state === 'delivered')).toBe(true)
      // The receiver got exactly this worker's four receipts: Submitted and Delivered, Submitted and Bounce.
      expect(received.map((r) => r.transid)).toEqual([messageId, messageId, messageId, messageId])
      expect(received.map((r) => `${r.deliveryInfo.destination} ${r.deliveryInfo.deliveryStatus}`).sort()).toEqual(
        [
          `w${n}+bounce@x.test Bounce`,
          `w${n}+bounce@x.test Submitted`,
          `w${n}@x.test Delivered`,
          `w${n}@x.test Submitted`,
        ].sort(),
      )
    }
  })

  it("streams a tenant's own events only", async () => {
    const watched = await fetch(`${server.url}/_emulator/events?tenant=watched`, { signal: streams.signal })
    const events = sseReader(watched.body!)
    await events.until((seen) => seen.some((e) => e.event === 'hello'))
    await client('other').send(['other@x.test'])
    const mine = await client('watched').send(['mine@x.test'])
    const seen = await events.until((all) => all.some((e) => e.event === 'message'))
    expect(seen.filter((e) => e.event === 'message').map((e) => e.data.messageId)).toEqual([mine.messageId])
  })

  it('resets one worker without touching another mid-test', async () => {
    const [a, b] = [client('reset-a'), client('reset-b')]
    await Promise.all([a.send(['a@x.test']), b.send(['b@x.test'])])
    await a.control('POST', '/reset')
    expect((await a.control('GET', '/messages')).messages).toEqual([])
    expect((await b.control('GET', '/messages')).messages.map((m: any) => m.recipients[0].address)).toEqual([
      'b@x.test',
    ])
  })
})
