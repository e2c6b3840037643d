import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebhookTransport } from '../../src/core/kernel/outbox.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { createHttpTransport } from '../../src/webhooks/http-transport.js'
import { eventually } from '../support/eventually.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const signingSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const mail = {
  channel: 'email',
  from: 'a@shop.test',
  to: [{ email: ['ann@example.com'] }],
  content: { type: 'text', subject: 's', text: 't' },
}

/** The first request the receiver got on `path`, once it has one. */
async function requestTo(receiver: WebhookReceiver, path: string) {
  return (await receiver.waitFor((all) => all.some((r) => r.path === path))).find((r) => r.path === path)
}

const transports: Array<[string, () => WebhookTransport | undefined]> = [
  ['undici (the server)', () => undefined],
  ['fetch (MSW mode)', () => createHttpTransport()],
]

describe.each(transports)("a target's headers over %s", (_name, transport) => {
  let receiver: WebhookReceiver
  beforeAll(async () => {
    receiver = await startWebhookReceiver()
  })
  afterAll(() => receiver.close())

  it('replace the default and computed ones whatever their case, so each goes out once', async () => {
    const emulator = createEmulator({
      clock: 'real',
      transport: transport(),
      config: {
        delays: { delivered: '1h' },
        webhooks: {
          retries: 0,
          targets: [
            {
              url: `${receiver.url}/cased`,
              hubSecret: 'hub-s3cret',
              signingSecret,
              headers: {
                'User-Agent': 'my-agent',
                'Content-Type': 'application/vnd.hooks+json',
                'X-Hub-Signature': 'mine',
                'Webhook-Id': 'mine',
              },
            },
          ],
        },
      },
    })
    try {
      emulator.send(mail)
      const request = await requestTo(receiver, '/cased')
      const { headers, raw } = request!
      expect(headers['user-agent']).toBe('my-agent')
      expect(headers['content-type']).toBe('application/vnd.hooks+json')
      expect(headers['x-hub-signature']).toBe(createHmac('sha256', 'hub-s3cret').update(raw).digest('hex'))
      const id = String(headers['webhook-id'])
      expect(id).toMatch(/^d_/)
      const signed = createHmac('sha256', Buffer.from(signingSecret.slice('whsec_'.length), 'base64'))
        .update(`${id}.${String(headers['webhook-timestamp'])}.${raw}`)
        .digest('base64')
      expect(headers['webhook-signature']).toBe(`v1,${signed}`)
    } finally {
      await emulator.close(0)
    }
  })
  it('carries credentials in the URL as Basic authorization', async () => {
    const emulator = createEmulator({
      clock: 'real',
      transport: transport(),
      config: {
        delays: { delivered: '1h' },
        webhooks: { retries: 0, targets: [{ url: `${receiver.url.replace('//', '//app:p%40ss@')}/basic` }] },
      },
    })
    try {
      emulator.send(mail)
      const request = await requestTo(receiver, '/basic')
      expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('app:p@ss').toString('base64')}`)
      // The receiver has the request; the emulator records the attempt once the answer is back.
      const [attempt] = await eventually(
        () => emulator.deliveries()[0]?.attempts ?? [],
        (attempts) => attempts.length > 0,
        { what: 'the attempt to be recorded' },
      )
      expect(attempt).toMatchObject({ status: 200, verdict: 'delivered' })
    } finally {
      await emulator.close(0)
    }
  })
})
