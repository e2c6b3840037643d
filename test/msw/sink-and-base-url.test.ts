import { createHmac } from 'node:crypto'
import { inspect } from 'node:util'
import { setupServer } from 'msw/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { webhookReceiptSchema } from '../../src/core/channels/email/schemas/delivery-receipt.js'
import { createWebexConnectMock, type SinkWebhook, type WebexConnectMock } from '../../src/msw/index.js'
import { postEmailSend } from '../support/email-send.js'

describe('MSW mode with an in-process webhook sink and a custom base URL', () => {
  // Each test gets its own mock, sink and server, so none depends on what another left behind.
  let received: SinkWebhook[]
  let webexConnect: WebexConnectMock
  let server: ReturnType<typeof setupServer>
  beforeEach(() => {
    const sink: SinkWebhook[] = (received = [])
    webexConnect = createWebexConnectMock({
      baseUrls: ['http://localhost:4600'],
      startAt: new Date('2024-09-05T04:03:01.708Z'),
      config: {
        seed: 5,
        timeZone: 'America/New_York',
        webhooks: { targets: [{ url: 'https://nowhere.test/hooks', hubSecret: 'shh' }] },
      },
      onWebhook: (webhook) => {
        sink.push(webhook)
        return 200
      },
    })
    server = setupServer(...webexConnect.handlers)
    server.listen({ onUnhandledRequest: 'error' })
  })
  afterEach(() => server.close())

  it('answers on the custom base URL and delivers receipts to the sink, signed, typed and timestamped in virtual time', async () => {
    const response = await postEmailSend('http://localhost:4600/v2/messages')
    expect(response.status).toBe(201)
    expect((await response.json()).requestTimestamp).toBe('2024-09-05T00:03:01.708-04:00')
    await webexConnect.runUntilIdle()
    expect(
      received.map((w) => webhookReceiptSchema.parse(w.payload).deliveryInfoNotification.deliveryInfo.deliveryStatus),
    ).toEqual(['Submitted', 'Delivered'])
    expect(received[1]!.headers['x-hub-signature']).toBe(
      createHmac('sha256', 'shh').update(received[1]!.body).digest('hex'),
    )
    expect(webhookReceiptSchema.parse(received[1]!.payload).deliveryInfoNotification.deliveryInfo.timeStamp).toBe(
      '2024-09-05T00:03:03.208-04:00',
    )
    // A plain object of four own fields (headers and payload made when first read): it compares,
    // copies and serialises whole — what users' assertions on a received webhook rely on.
    const { url, headers, body, payload } = received[0]!
    expect(url).toBe('https://nowhere.test/hooks')
    expect(Object.keys(received[0]!)).toEqual(['url', 'headers', 'body', 'payload'])
    expect(received[0]).toEqual({ url, headers, body, payload })
    expect(received[0]).toStrictEqual({ url, headers, body, payload })
    expect({ ...received[0] }).toStrictEqual({ url, headers, body, payload })
    expect(structuredClone(received[0])).toStrictEqual({ url, headers, body, payload })
    expect(JSON.parse(JSON.stringify(received[0]))).toEqual({ url, headers, body, payload })
    // What the lazy fields are made from (the request, with its secrets) is nowhere to be listed or printed.
    expect(Reflect.ownKeys(received[0]!)).toEqual(['url', 'headers', 'body', 'payload'])
    expect(inspect(received[1], { showHidden: true, depth: 5 })).not.toContain('shh')
    expect(Object.getPrototypeOf(received[0])).toBe(Object.prototype)
    // Made once, then kept: the same objects at every read.
    expect(received[0]!.headers).toBe(headers)
    expect(received[0]!.payload).toBe(payload)
    expect(received[1]!.headers).not.toBe(headers)
  })

  it('serves the /_emulator routes through MSW too', async () => {
    const health = await fetch('http://localhost:4600/_emulator/health')
    expect(await health.json()).toEqual({ status: 'ok' })
    const { messageId } = webexConnect.emulator.send({
      channel: 'email',
      from: 'a@shop.test',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    })
    const { messages } = await (await fetch('https://api.us.webexconnect.io/_emulator/messages')).json()
    expect(messages.map((m: { messageId: string }) => m.messageId)).toEqual([messageId])
  })

  it('fills in a target added at run time as a config file would, and refuses a bad one', async () => {
    const target = webexConnect.addWebhookTarget({ url: 'https://second.test/hooks' })
    expect(target).toMatchObject({ format: 'webhook', headers: {} })
    expect(() => webexConnect.addWebhookTarget({ url: 'ftp://nope.test' })).toThrow(
      /Invalid webhook target at "url": expected an http\(s\) URL/,
    )
  })

  it("leaves other URLs to the user's onUnhandledRequest setting", async () => {
    // MSW's own refusal under onUnhandledRequest: 'error' — not a network failure, which a handler
    // that swallowed these URLs and let them through ('bypass') would also produce offline.
    const refused = /\[MSW\] Cannot bypass a request when using the "error" strategy/
    await expect(fetch('https://api.us.webexconnect.io/v1/sms')).rejects.toThrow(refused)
    await expect(fetch('https://example.com/v2/messages', { method: 'POST' })).rejects.toThrow(refused)
  })

  it('is deterministic: the same seed and start give the same ids and timestamps', async () => {
    const run = async () => {
      const mock = createWebexConnectMock({ config: { seed: 99 }, startAt: 0, onWebhook: () => 200 })
      mock.emulator.send({
        channel: 'email',
        from: 'a@b.test',
        to: [{ email: ['x@y.test'] }],
        content: { type: 'text', subject: 's', text: 't' },
      })
      await mock.runUntilIdle()
      return mock.receipts()
    }
    expect(await run()).toEqual(await run())
  })
})
