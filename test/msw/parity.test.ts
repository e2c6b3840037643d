import { setupServer } from 'msw/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/http/serve.js'
import { createWebexConnectMock } from '../../src/msw/index.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { startWebhookReceiver } from '../support/webhook-receiver.js'

const recipients = [
  'ann@x.test',
  'bob+bounce-noemail@x.test',
  'cat+complaint-virus@x.test',
  'dan+click@x.test',
  'eve@invalid',
  'success@simulator.amazonses.com',
]
const request = (baseUrl: string) => ({
  channel: 'email',
  from: 'news@shop.test',
  to: [{ email: recipients.slice(0, 4), correlationId: 'parity' }],
  cc: recipients.slice(4),
  content: { type: 'html', subject: 'Parity', html: '<a href="https://shop.test/p">p</a>' },
  callbackData: 'cb',
  notifyUrl: `${baseUrl}/notify`,
})
const expectedWebhooks = 2 + 2 + 3 + 4 + 1 + 2 // ann, bob, cat, dan, eve, simulator

/** Receipts without what legitimately differs between runs: ids and timestamps. */
function normalise(payloads: any[]) {
  return payloads
    .map((p) => {
      const { deliveryInfo, transid: _t, ...rest } = p.deliveryInfoNotification
      const { timeStamp: _ts, ...info } = deliveryInfo
      return JSON.stringify({ ...rest, deliveryInfo: info })
    })
    .sort()
}

async function throughMsw(): Promise<any[]> {
  const received: any[] = []
  const mock = createWebexConnectMock({ onWebhook: ({ payload }) => void received.push(payload) })
  const server = setupServer(...mock.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const response = await fetch('https://api.us.webexconnect.io/v2/messages', {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(request('https://app.test')),
    })
    expect(response.status).toBe(201)
    await mock.runUntilIdle()
  } finally {
    server.close()
  }
  return received
}

async function throughRealServer(): Promise<any[]> {
  const receiver = await startWebhookReceiver()
  const server = await startServer(createEmulator({ config: { speed: 1000 } }), { port: 0 })
  try {
    const response = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(request(receiver.url)),
    })
    expect(response.status).toBe(201)
    const received = await receiver.waitFor((r) => r.length >= expectedWebhooks)
    return received.map((r) => r.body)
  } finally {
    await server.close()
    await receiver.close()
  }
}

describe('parity between MSW mode and the real server', () => {
  let msw: any[]
  let real: any[]
  beforeAll(async () => {
    msw = await throughMsw()
    real = await throughRealServer()
  })

  it('sends the same number of receipts', () => {
    expect(msw).toHaveLength(expectedWebhooks)
    expect(real).toHaveLength(expectedWebhooks)
  })

  it('sends the same receipts, field for field, apart from ids and timestamps', () => {
    expect(normalise(real)).toEqual(normalise(msw))
  })
})
