import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { emailTo } from '../support/virtual-emulator.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

/** x-hub-signature over real HTTP: SHA-256 or SHA-512, plain hex or `<algorithm>=<hex>`. */
describe('x-hub-signature', () => {
  let receiver: WebhookReceiver
  let server: RunningServer
  let emulator: Emulator

  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    emulator = createEmulator({
      clock: 'real',
      config: {
        speed: 1000,
        webhooks: {
          hubSecret: 'notify-secret',
          hubSignature: { algorithm: 'sha512', format: 'prefixed' },
          targets: [
            { url: `${receiver.url}/plain`, hubSecret: 's1', events: ['submitted'] },
            {
              url: `${receiver.url}/prefixed`,
              hubSecret: 's2',
              hubSignature: { algorithm: 'sha256', format: 'prefixed' },
              events: ['submitted'],
            },
          ],
        },
      },
    })
    server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
    await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', key: 'k' },
      body: JSON.stringify(
        emailTo('ann@a.test', { notifyUrl: `${receiver.url}/notify`, requestedReceipts: ['submitted'] }),
      ),
    })
    await receiver.waitFor((all) => all.length === 3)
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  const at = (path: string) => receiver.received.find((r) => r.path === path)!
  const hmac = (algorithm: string, secret: string, raw: string) =>
    createHmac(algorithm, secret).update(raw).digest('hex')

  it("is a target's hex HMAC of the raw body with the global default form (here SHA-512, prefixed)", () => {
    const { headers, raw } = at('/plain')
    expect(headers['x-hub-signature']).toBe(`sha512=${hmac('sha512', 's1', raw)}`)
  })

  it("takes a target's own hubSignature over the default", () => {
    const { headers, raw } = at('/prefixed')
    expect(headers['x-hub-signature']).toBe(`sha256=${hmac('sha256', 's2', raw)}`)
  })

  it('signs notifyUrl deliveries with webhooks.hubSecret and webhooks.hubSignature', () => {
    const { headers, raw } = at('/notify')
    expect(headers['x-hub-signature']).toBe(`sha512=${hmac('sha512', 'notify-secret', raw)}`)
  })

  it('is plain SHA-256 hex by default', async () => {
    const plain = createEmulator({
      clock: 'virtual',
      config: { webhooks: { targets: [{ url: 'http://app.test/h', hubSecret: 'x' }] } },
      transport: async () => ({ status: 200, latencyMs: 0 }),
    })
    expect(plain.targets()[0]!.hubSignature).toBeUndefined()
    expect(plain.config.webhooks.hubSignature).toEqual({ algorithm: 'sha256', format: 'hex' })
    await plain.close()
  })

  it('can be changed per target at run time, and a bad form is refused', async () => {
    const target = emulator.targets()[0]!
    const response = await fetch(`${server.url}/_emulator/webhooks/targets/${target.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hubSignature: { algorithm: 'md5' } }),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).field).toBe('hubSignature.algorithm')
  })
})
