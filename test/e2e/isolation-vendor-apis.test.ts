// Two test workers on one real server with isolation "service", each through every vendor API the
// emulator copies — the Send SMS API v1 (each with the credentials its SDK sends), SMS on
// /v2/messages, GET /v2/messages/{id}, GET /v1/sms/messages/{id} and the Consent API — at the same
// time, with their own receivers and clocks: neither may see the other's messages, callbacks,
// receipts, consent or time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createIsolatedEmulator, type IsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

let server: RunningServer
let isolated: IsolatedEmulator
const receivers: WebhookReceiver[] = []

beforeAll(async () => {
  isolated = createIsolatedEmulator({ clock: 'real', config: { seed: 9 } })
  server = await startServer(isolated, { port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await server.close(500)
  await Promise.all(receivers.map((r) => r.close()))
})

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined }
}

/** Resolves once `count` callers have arrived, so the workers' requests interleave phase by phase. */
function barrier(count: number) {
  let arrived = 0
  let release!: () => void
  const all = new Promise<void>((resolve) => (release = resolve))
  return () => {
    if (++arrived === count) release()
    return all
  }
}

/**
 * Worker 1 calls as Cisco's Java SDK does (`Authorization: Bearer <key>`), worker 2 as the vendor's
 * GET example does (`Authorization: <key>`): each route reads its tenant from what it authenticates.
 */
const workers = [
  { key: 'worker-1', number: '+447700900001', v1Auth: { authorization: 'Bearer worker-1' }, advance: '1h' },
  { key: 'worker-2', number: '+447700900002', v1Auth: { authorization: 'worker-2' }, advance: '10s' },
]

describe('isolation "service" across the vendor APIs, two workers at the same time', () => {
  it("keeps each worker's SMS, status reads, callbacks, receipts, consent and clock its own", async () => {
    const phase = [barrier(2), barrier(2), barrier(2)]
    const results = await Promise.all(
      workers.map(async ({ key, number, v1Auth, advance }) => {
        const control = (method: string, path: string, body?: unknown) =>
          call(method, `/_emulator${path}`, { 'x-emulator-tenant': key }, body)
        const [callbacks, receipts] = [await startWebhookReceiver(), await startWebhookReceiver()]
        receivers.push(callbacks, receipts)
        expect((await control('PUT', '/clock', { mode: 'virtual' })).status).toBe(200)
        expect((await control('POST', '/webhooks/targets', { url: `${receipts.url}/dr` })).status).toBe(201)
        await phase[0]!()

        // The same Idempotency-Key from both workers: each tenant remembers only its own.
        const v1 = await call(
          'POST',
          '/v1/sms/messages',
          { ...v1Auth, 'idempotency-key': 'order-1' },
          {
            from: 'SHOP',
            to: number,
            content: `code for ${key}`,
            contentType: 'text',
            callbackUrl: `${callbacks.url}/cb`,
            correlationId: key,
          },
        )
        const v2 = await call(
          'POST',
          '/v2/messages',
          { key },
          { channel: 'sms', from: 'SHOP', to: [{ msisdn: [number.slice(1)] }], content: { type: 'text', text: key } },
        )
        const consent = await call(
          'POST',
          '/v1/groups/news/members',
          { authorization: `Bearer ${key}` },
          { channel: 'text', address: number, consent: false, reason: key },
        )
        await phase[1]!()
        const clock = (await control('POST', '/clock/advance', { by: advance })).body
        await phase[2]!()
        return { key, number, v1Auth, v1, v2, consent, clock, callbacks, receipts }
      }),
    )

    const [one, two] = results as [(typeof results)[number], (typeof results)[number]]
    for (const { v1, v2, consent } of results) {
      expect(v1.status).toBe(202)
      expect(v2.status).toBe(201)
      expect(consent.status).toBe(204)
    }
    for (const [self, other] of [
      [one, two],
      [two, one],
    ] as const) {
      const v1Id = self.v1.body.messageId
      const v2Id = self.v2.body.messageId
      // Its own messages read back through the vendor's status APIs; the other worker's are unknown to it.
      expect((await call('GET', `/v1/sms/messages/${v1Id}`, self.v1Auth)).body).toMatchObject({
        messageId: v1Id,
        status: 'DELIVERED',
        to: self.number,
      })
      expect((await call('GET', `/v2/messages/${v2Id}`, { key: self.key })).body).toMatchObject({
        status: 'Delivered',
        to: self.number.slice(1),
      })
      const foreign = await call('GET', `/v1/sms/messages/${other.v1.body.messageId}`, self.v1Auth)
      expect([foreign.status, foreign.text]).toEqual([404, ''])
      const foreignV2 = await call('GET', `/v2/messages/${other.v2.body.messageId}`, { key: self.key })
      expect([foreignV2.status, foreignV2.text]).toEqual([404, ''])
      // The control API lists exactly its two messages.
      const listed = (await call('GET', '/_emulator/messages', { 'x-emulator-tenant': self.key })).body.messages
      expect(listed.map((m: { messageId: string }) => m.messageId).sort()).toEqual([v1Id, v2Id].sort())
      // Its callbackUrl got its own SMS's callbacks, its target its own receipts, nothing of the other's.
      expect(self.callbacks.received.map((r) => [r.body.messageId, r.body.status, r.body.correlationId])).toEqual([
        [v1Id, 'SENT', self.key],
        [v1Id, 'DELIVERED', self.key],
      ])
      const receipts = self.receipts.received.map((r) => r.body.deliveryInfoNotification)
      expect(receipts.map((r) => r.transid)).toContain(v2Id)
      expect(receipts.every((r) => r.transid === v1Id || r.transid === v2Id)).toBe(true)
      // The consent it recorded, and none of the other's.
      const members = await call('GET', '/v1/groups/news/members', { authorization: `Bearer ${self.key}` })
      expect(members.body).toMatchObject([{ address: self.number, consent: false, reason: self.key }])
    }
    // Each clock moved by what its own worker asked: worker 1's an hour, worker 2's ten seconds.
    const lead = one.clock.now - two.clock.now
    expect(lead).toBeGreaterThan(3_500_000)
    expect(lead).toBeLessThan(3_600_000)
  }, 60_000)

  it("refuses a call without credentials in the route's own words, starting no tenant", async () => {
    const before = isolated.tenants().length
    const v1 = await call('POST', '/v1/sms/messages', {}, { from: 'SHOP', to: '+447700900001', content: 'x' })
    expect(v1.status).toBe(403)
    expect(v1.body).toEqual({ code: '7001', message: 'Authentication failed.' })
    const v1Status = await call('GET', '/v1/sms/messages/x', {})
    expect(v1Status.status).toBe(403)
    for (const [method, path] of [
      ['GET', '/v2/messages/x'],
      ['GET', '/v1/groups/news/members'],
    ] as const) {
      const refused = await call(method, path, {})
      expect([refused.status, refused.text]).toEqual([401, ''])
    }
    expect(isolated.tenants()).toHaveLength(before)
  })
})
