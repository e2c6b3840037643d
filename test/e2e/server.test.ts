import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { eventually } from '../support/eventually.js'
import { holdRefusedPort } from '../support/held-ports.js'
import { shapeOf, webhookSeedExamples } from '../support/seed-fixtures.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

describe('the emulator server over real HTTP', () => {
  let receiver: WebhookReceiver
  let server: RunningServer
  let emulator: Emulator

  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    emulator = createEmulator({
      clock: 'real',
      config: {
        speed: 1000, // a 1.5 s delivery takes 1.5 ms, a 60 s retry 60 ms
        timeZone: 'Asia/Kolkata',
        webhooks: {
          targets: [
            { url: `${receiver.url}/hooks`, hubSecret: 'hub-secret' },
            { url: `${receiver.url}/stream`, format: 'datastream', events: ['bounce'] },
          ],
        },
      },
    })
    server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })
  beforeEach(() => {
    receiver.received.length = 0
    receiver.respondWith(() => 200)
  })

  const send = (body: unknown, headers: Record<string, string> = { key: 'dev' }) =>
    fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const vendorExample = (to: string) => ({
    channel: 'email',
    from: 'sender@domain.tld',
    to: [{ email: [to], correlationId: '3bd8edf31c81-4b72d8a2-290d-49e2-993e' }],
    content: { type: 'text', subject: 'Subject', text: 'Simple text content' },
    callbackData: 'callbackdata',
  })
  const hooks = () => receiver.received.filter((r) => r.path === '/hooks')

  it("sends Submitted then Delivered in the seed's exact shape, signed with x-hub-signature", async () => {
    const response = await send(vendorExample('destination@domain.tld'))
    expect(response.status).toBe(201)
    const { messageId } = await response.json()
    await receiver.waitFor(() => hooks().length === 2)
    const [submitted, delivered] = hooks()
    const seed = (status: string) =>
      webhookSeedExamples.find((e) => e.deliveryInfoNotification?.deliveryInfo?.deliveryStatus === status)
    expect(shapeOf(submitted!.body)).toEqual(shapeOf(seed('Submitted')))
    expect(shapeOf(delivered!.body)).toEqual(shapeOf(seed('Delivered')))
    expect(submitted!.body.deliveryInfoNotification).toMatchObject({
      transid: messageId,
      correlationid: '3bd8edf31c81-4b72d8a2-290d-49e2-993e',
      callbackData: 'callbackdata',
      subtid: '',
      deliveryInfo: {
        code: '7501',
        deliveryStatus: 'Submitted',
        destination: 'destination@domain.tld',
        destinationType: 'email',
        deliveryChannel: 'email',
      },
    })
    expect(delivered!.body.deliveryInfoNotification.deliveryInfo.timeStamp).toMatch(/\+05:30$/)
    expect(submitted!.headers['content-type']).toBe('application/json')
    expect(submitted!.headers['x-hub-signature']).toBe(
      createHmac('sha256', 'hub-secret').update(submitted!.raw).digest('hex'),
    )
  })

  it('bounces +bounce, then answers the next send to it with 7240', async () => {
    await send(vendorExample('ann+bounce@x.test'))
    await receiver.waitFor(() => hooks().some((r) => r.body.deliveryInfoNotification.deliveryInfo.code === '7520'))
    const stream = await receiver.waitFor((all) => all.some((r) => r.path === '/stream'))
    expect(stream.find((r) => r.path === '/stream')!.body).toMatchObject({
      deliveryInfoNotification: { deliveryInfo: { deliveryStatus: 'Bounce' } },
      dataIntegration: {},
    })

    receiver.received.length = 0
    await send(vendorExample('ann+bounce@x.test'))
    await receiver.waitFor(() => hooks().length === 1)
    expect(hooks()[0]!.body.deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: '7240',
      deliveryStatus: 'Failed',
      Description: 'already bounced : ann+bounce@x.test',
    })
  })

  it("posts to the request's notifyUrl too, and retries when the receiver answers 500", async () => {
    let appRequests = 0
    receiver.respondWith((request) => (request.path === '/app' && appRequests++ === 0 ? 500 : 200))
    await send({ ...vendorExample('bob@x.test'), notifyUrl: `${receiver.url}/app`, requestedReceipts: ['delivered'] })
    // The emulator records an attempt after the receiver has answered it: wait on the delivery.
    const delivery = await eventually(
      () => emulator.deliveries().find((d) => d.target.source === 'notifyUrl' && d.destination === 'bob@x.test'),
      (d) => d?.state === 'delivered',
      { what: 'the notifyUrl delivery to be delivered' },
    )
    expect(delivery!.attempts.map((a) => [a.status, a.responseBody])).toEqual([
      [500, 'failed on purpose with 500'],
      [200, 'ok'],
    ])
    const app = receiver.received.filter((r) => r.path === '/app')
    expect(app.map((r) => r.body.deliveryInfoNotification.deliveryInfo.deliveryStatus)).toEqual([
      'Delivered',
      'Delivered',
    ])
  })

  it('records connection failures as attempts and keeps the delivery once retries run out', async () => {
    const refused = await holdRefusedPort() // below the ephemeral range: no server of the suite can start there
    onTestFinished(() => refused.release())
    await send({
      ...vendorExample('cat@x.test'),
      notifyUrl: `${refused.url}/gone`,
      requestedReceipts: ['submitted'],
    })
    const delivery = await eventually(
      () => emulator.deliveries().find((d) => d.destination === 'cat@x.test' && d.target.source === 'notifyUrl'),
      (d) => d?.state === 'failed',
      { what: 'the delivery to a refusing port to fail' },
    )
    expect(delivery!.attempts).toHaveLength(4)
    expect(delivery!.attempts.every((a) => a.status === undefined && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true)
  })

  it('answers bad JSON with 400 7000 and a missing key with 401, and keeps serving', async () => {
    const bad = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: '{"channel":',
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).code).toBe('7000')
    const unauthorized = await send(vendorExample('a@x.test'), {})
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.text()).toBe('')
    expect((await fetch(`${server.url}/_emulator/health`)).status).toBe(200)
  })
})
