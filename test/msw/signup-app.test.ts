import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSignupApp } from '../../examples/signup-app/app.js'
import { createWebexConnectMock } from '../../src/msw/index.js'

// The app under test talks to the real vendor URL; MSW routes it to the emulator.
const webexConnect = createWebexConnectMock({ config: { seed: 11 } })
const shop = createSignupApp({
  apiBase: 'https://api.us.webexconnect.io',
  serviceKey: 'test-key',
  publicUrl: 'https://shop.test',
})
let failWebhooks = 0
const server = setupServer(
  ...webexConnect.handlers,
  // Webhooks reach the app through fetch → this handler → the app's own route.
  http.post('https://shop.test/webhooks/email', ({ request }) => {
    if (failWebhooks > 0) {
      failWebhooks--
      return new Response('oops', { status: 500 })
    }
    return shop.app.fetch(request)
  }),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  webexConnect.reset()
  shop.users.clear()
  failWebhooks = 0
})
afterAll(() => server.close())

const signup = (email: string, extra: Record<string, unknown> = {}) =>
  shop.app.request('/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, ...extra }),
  })
const user = (email: string) => shop.users.get(email.toLowerCase())!

describe('an app tested with the MSW emulator', () => {
  it('sees its welcome email delivered', async () => {
    expect((await signup('ann@example.com')).status).toBe(201)
    await webexConnect.waitForStatus('ann@example.com', 'Delivered')
    expect(user('ann@example.com')).toMatchObject({ mailStatus: 'Delivered', history: ['Submitted', 'Delivered'] })
  })

  it('is told of a bounce, gets 7240 on a resend, and can send again after 7 days', async () => {
    await signup('ann+bounce@example.com')
    await webexConnect.runUntilIdle()
    expect(user('ann+bounce@example.com').mailStatus).toBe('Bounce')

    await signup('ann+bounce@example.com')
    await webexConnect.runUntilIdle()
    expect(user('ann+bounce@example.com').history).toEqual(['Failed'])
    expect(webexConnect.receipts({ destination: 'ann+bounce@example.com' }).map((r) => r.code)).toEqual([
      '7501',
      '7520',
      '7240',
    ])

    await webexConnect.advance('7d')
    await signup('ann+bounce@example.com')
    await webexConnect.waitForStatus('ann+bounce@example.com', 'Submitted')
    expect(user('ann+bounce@example.com').history).toEqual(['Submitted'])
  })

  it('hears about a complaint', async () => {
    await signup('bob+complaint-fraud@example.com')
    const complaint = await webexConnect.waitForStatus('bob+complaint-fraud@example.com', 'Complaint')
    expect(complaint.description).toBe('fraud')
    expect(user('bob+complaint-fraud@example.com').mailStatus).toBe('Complaint')
  })

  it('is told Not Verified when the tenant is in sandbox mode', async () => {
    webexConnect.setSandbox({ enabled: true, verified: ['team@shop.test'] })
    await signup('stranger@example.com')
    const receipt = await webexConnect.waitForStatus('stranger@example.com', 'Not Verified')
    expect(receipt.code).toBe('7522')
    expect(user('stranger@example.com').mailStatus).toBe('Not Verified')
  })

  it('gets one lifecycle per to/cc/bcc recipient, with mixed outcomes', async () => {
    await signup('ann@example.com', { cc: ['cat+bounce-mailboxfull@example.com', 'dan@invalid'] })
    await webexConnect.runUntilIdle()
    const last = Object.fromEntries(webexConnect.receipts().map((r) => [r.destination, r.status]))
    expect(last).toEqual({
      'ann@example.com': 'Delivered',
      'cat+bounce-mailboxfull@example.com': 'Bounce',
      'dan@invalid': 'Failed',
    })
    expect(new Set(webexConnect.webhooks().map((w) => w.payload.deliveryInfoNotification.transid)).size).toBe(1)
  })

  it('receives only the receipts it requested', async () => {
    const response = await fetch('https://api.eu.webexconnect.io/v2/messages', {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'welcome@shop.test',
        to: [{ email: ['ann+click@example.com'] }],
        content: { type: 'html', subject: 'Hi', html: '<a href="https://shop.test/x">x</a>' },
        notifyUrl: 'https://shop.test/webhooks/email',
        requestedReceipts: ['delivered', 'clicked'],
      }),
    })
    expect(response.status).toBe(201)
    await webexConnect.runUntilIdle()
    expect(webexConnect.webhooks().map((w) => w.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus)).toEqual([
      'Delivered',
      'Clicked',
    ])
  })

  it('gets a webhook retried 60 s later after its handler answered 500', async () => {
    failWebhooks = 1
    await signup('ann@example.com')
    await webexConnect.advance('2s')
    expect(user('ann@example.com').history).toEqual(['Delivered'])
    await webexConnect.advance('60s')
    expect(user('ann@example.com').history).toEqual(['Delivered', 'Submitted'])
    const [submitted] = webexConnect.webhooks()
    expect(submitted!.attempts.map((a) => [a.status, a.responseBody])).toEqual([
      [500, 'oops'],
      expect.arrayContaining([200]),
    ])
  })

  it('waits on the latest message to an address, or the one named', async () => {
    const first = await (await signup('ann@example.com')).json()
    await webexConnect.runUntilIdle()
    await signup('ann@example.com')
    await expect(webexConnect.waitForStatus('ann@example.com', 'Delivered', { within: '1s' })).rejects.toThrow(
      /did not reach "Delivered" within 1s/,
    )
    expect(
      (await webexConnect.waitForStatus('ann@example.com', 'Delivered', { messageId: first.messageId })).messageId,
    ).toBe(first.messageId)
    await expect(webexConnect.waitForStatus('nobody@example.com', 'Delivered')).rejects.toThrow(
      /No message has been sent to nobody@example.com/,
    )
  })

  it('fails a wait with a list of what did happen', async () => {
    await signup('ann@example.com')
    await expect(webexConnect.waitForStatus('ann@example.com', 'Bounce', { within: '10s' })).rejects.toThrow(
      /ann@example.com did not reach "Bounce" within 10s of virtual time\. Receipts so far:\n.*7501 Submitted.*\n.*7500 Delivered/,
    )
  })

  it("answers with the vendor's errors, not MSW's", async () => {
    const response = await fetch('https://api.us.webexconnect.io/v2/messages', {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: '{',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: '7000' })
    const unauthorized = await fetch('https://api.imiconnect.io/v2/messages', { method: 'POST', body: '{}' })
    expect(unauthorized.status).toBe(401)
  })
})
