import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
} from '../../src/core/channels/email/schemas/inbound-event.js'
import { createWebexConnectMock, type SinkWebhook } from '../../src/msw/index.js'

describe('MSW mode: inbound events an app receives', () => {
  const received: SinkWebhook[] = []
  const webexConnect = createWebexConnectMock({
    config: { seed: 3, webhooks: { targets: [{ url: 'https://app.test/inbound', events: ['inbound'] }] } },
    onWebhook: (webhook) => {
      received.push(webhook)
      return 200
    },
  })
  const server = setupServer(...webexConnect.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  // Each test starts from the configured state with an empty sink, whatever ran before it.
  beforeEach(() => {
    webexConnect.reset()
    received.length = 0
  })

  const send = (to: string) =>
    fetch('https://api.us.webexconnect.io/v2/messages', {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'news@shop.test',
        to: [{ email: [to] }],
        content: { type: 'text', subject: 's', text: 't' },
      }),
    })

  it('delivers an injected incoming email to inbound targets in the vendor shape', async () => {
    webexConnect.injectInboundEmail({
      from: 'ann@example.com',
      to: 'support@shop.test',
      subject: 'Help',
      text: 'It broke',
    })
    await webexConnect.runUntilIdle()
    expect(received).toHaveLength(1)
    const mo = webhookInboundEmailSchema.parse(received[0]!.payload)
    expect(JSON.stringify(mo)).toContain('It broke')
  })

  it('an Unsubscribe makes sends from that sender fail with 7241 until a Subscribe', async () => {
    webexConnect.injectUnsubscribe({ from: 'bob@example.com', senderId: 'news@shop.test' })
    await webexConnect.runUntilIdle()
    expect(received).toHaveLength(1)
    expect(webhookSubscriptionEventSchema.parse(received[0]!.payload)).toBeDefined()
    const refused = await send('bob@example.com')
    expect(refused.status).toBe(201)
    expect(await webexConnect.waitForStatus('bob@example.com', 'Failed')).toMatchObject({ code: '7241' })

    webexConnect.injectSubscribe({ from: 'bob@example.com', senderId: 'news@shop.test' })
    await send('bob@example.com')
    expect(await webexConnect.waitForStatus('bob@example.com', 'Delivered')).toMatchObject({ code: '7500' })
  })
})
