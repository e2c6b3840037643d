// docs/msw.md's handle, webhook routing and typed-payload examples, verbatim (test/docs/snippets.test.ts
// checks the page's blocks are in this file), run: an email sent through the handlers reaches the
// in-process sink, and, without a sink, your own MSW handler for the app's webhook URL.
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { expect, it } from 'vitest'
import { createWebexConnectMock } from 'webex-connect-emulator/msw'
import { webhookReceiptSchema } from 'webex-connect-emulator/payloads'

async function onReceipt(request: Request) {
  const receipt = webhookReceiptSchema.parse(await request.json())
  receipt.deliveryInfoNotification.deliveryInfo.deliveryStatus // "Delivered" | "Bounce" | …
  return new Response(null, { status: 200 })
}

const statuses: string[] = []

const send = (base: string, to: string, notifyUrl?: string) =>
  fetch(`${base}/v2/messages`, {
    method: 'POST',
    headers: { key: 'k', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'email',
      from: 'me@team.test',
      to: [{ email: [to] }],
      content: { type: 'text', subject: 'Hi', text: 'Hi' },
      ...(notifyUrl && { notifyUrl }),
    }),
  })

it('the handle: config, extra base URL, virtual start time and the in-process sink', async () => {
  const webexConnect = createWebexConnectMock({
    config: { seed: 42, timeZone: 'Asia/Kolkata', sandbox: { enabled: true } }, // the server's config
    baseUrls: ['http://localhost:4600'], // also answer here
    startAt: new Date('2025-01-01T00:00:00Z'), // virtual time's start: a Date or epoch ms (default: now)
    onWebhook: ({ url, headers, body, payload }) => 200, // optional in-process sink, see below
  })
  const server = setupServer(...webexConnect.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    expect(webexConnect.now().toISOString()).toBe('2025-01-01T00:00:00.000Z')
    webexConnect.setSandbox({ enabled: true, verified: ['x.test'] })
    expect((await send('http://localhost:4600', 'ann@x.test', 'https://shop.example/n')).status).toBe(201)
    await webexConnect.waitForStatus('ann@x.test', 'Delivered')
    // Nothing answers https://shop.example/n (MSW would refuse it): the sink took the receipts.
    expect(webexConnect.webhooks().map((w) => w.state)).toEqual(['delivered', 'delivered'])
  } finally {
    server.close()
  }
})

it('webhooks through fetch reach your own MSW handler for the app', async () => {
  const webexConnect = createWebexConnectMock({ config: { seed: 1 } })
  const myApp = {
    fetch: async (request: Request) => {
      const { deliveryInfo } = webhookReceiptSchema.parse(await request.clone().json()).deliveryInfoNotification
      statuses.push(deliveryInfo.deliveryStatus)
      return onReceipt(request)
    },
  }
  const server = setupServer(
    ...webexConnect.handlers,
    http.post('https://shop.example/webhooks/email', ({ request }) => myApp.fetch(request)),
  )
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const sent = await send('https://api.us.webexconnect.io', 'bob@x.test', 'https://shop.example/webhooks/email')
    expect(sent.status).toBe(201)
    await webexConnect.waitForStatus('bob@x.test', 'Delivered')
    expect(statuses).toEqual(['Submitted', 'Delivered'])
  } finally {
    server.close()
  }
})
