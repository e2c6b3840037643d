import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { standardWebhooksSignature } from '../../src/webhooks/standard-webhooks.js'
import { postEmailSend } from '../support/email-send.js'
import { eventually } from '../support/eventually.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** What a receiver's Standard Webhooks library checks, written out independently. */
function verifies(headers: Record<string, string | string[] | undefined>, raw: string): boolean {
  const id = String(headers['webhook-id'])
  const timestamp = String(headers['webhook-timestamp'])
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${raw}`)
    .digest('base64')
  return (
    String(headers['webhook-signature']) === `v1,${expected}` && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300
  )
}

describe('Standard Webhooks signatures (opt-in per target)', () => {
  it("matches the specification's test vector", () => {
    expect(standardWebhooksSignature('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', secret)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    )
  })

  describe('over real HTTP', () => {
    let receiver: WebhookReceiver
    let emulator: Emulator
    let server: RunningServer

    beforeAll(async () => {
      receiver = await startWebhookReceiver()
      emulator = createEmulator({
        clock: 'real',
        config: {
          speed: 1000,
          webhooks: {
            targets: [{ url: `${receiver.url}/signed`, signingSecret: secret }, { url: `${receiver.url}/plain` }],
          },
        },
      })
      server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
    })
    afterAll(async () => {
      await server.close()
      await receiver.close()
    })

    it('signs every POST to that target, keeps webhook-id across retries, and leaves other targets unsigned', async () => {
      let signedRequests = 0
      receiver.respondWith((request) => (request.path === '/signed' && signedRequests++ === 0 ? 503 : 200))
      const response = await postEmailSend(`${server.url}/v2/messages`)
      expect(response.status).toBe(201)
      await eventually(
        () => emulator.deliveries().filter((d) => d.state === 'delivered').length,
        (n) => n === 4,
        { what: 'all four deliveries' },
      )
      const signed = receiver.received.filter((r) => r.path === '/signed')
      expect(signed).toHaveLength(3) // Submitted twice (a 503, then the retry), Delivered once
      for (const request of signed) expect(verifies(request.headers, request.raw)).toBe(true)
      const submitted = signed.filter(
        (r) => r.body.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Submitted',
      )
      expect(submitted[0]!.headers['webhook-id']).toBe(submitted[1]!.headers['webhook-id'])
      expect(new Set(signed.map((r) => r.headers['webhook-id'])).size).toBe(2)
      expect(
        receiver.received.filter((r) => r.path === '/plain').every((r) => r.headers['webhook-signature'] === undefined),
      ).toBe(true)
    })
  })

  it('is set, changed and cleared through the control API, and a bad secret is refused', async () => {
    const app = createApp(createEmulator({ clock: 'virtual' }))
    const call = (method: string, path: string, body?: unknown) =>
      app.request(`/_emulator${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const bad = await call('POST', '/webhooks/targets', { url: 'http://app.test/hooks', signingSecret: 'not base64!' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toMatch(/signingSecret.*base64 secret/)
    const added = await (
      await call('POST', '/webhooks/targets', { url: 'http://app.test/hooks', signingSecret: secret })
    ).json()
    expect(added.signingSecret).toBe(secret)
    const cleared = await (await call('PATCH', `/webhooks/targets/${added.id}`, { signingSecret: null })).json()
    expect(cleared).not.toHaveProperty('signingSecret')
  })
})
