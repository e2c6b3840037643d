import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createWebexConnectMock } from 'webex-connect-emulator/msw'

const webexConnect = createWebexConnectMock({
  config: {
    contactPolicy: {
      groups: [
        {
          id: 'newsletter',
          type: 'allow', // nobody gets messages unless they opted in
          frequency: { scope: 'all', daily: 1 },
          members: [{ channel: 'email', address: 'ann@example.com', consent: true }],
        },
      ],
    },
  },
})
const server = setupServer(...webexConnect.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => webexConnect.reset())
afterAll(() => server.close())

const sendNewsletter = (to: string) =>
  fetch('https://api.us.webexconnect.io/v2/messages', {
    method: 'POST',
    headers: { key: 'my-service-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'email',
      from: 'news@shop.example',
      to: [{ email: [to] }],
      content: { type: 'text', subject: 'News', text: 'This week…' },
      contactPolicy: { contactPolicyGroup: 'newsletter', channelCheckConsent: true, channelApplyFrequencyCap: true },
    }),
  })

test('only those who opted in get the newsletter, once a day', async () => {
  await sendNewsletter('ann@example.com')
  await webexConnect.waitForStatus('ann@example.com', 'Delivered')

  await sendNewsletter('bob@example.com') // never opted in
  const refused = await webexConnect.waitForStatus('bob@example.com', 'Failed')
  expect(refused).toMatchObject({ code: '9002', description: 'Recipient has not consented to message' })

  await sendNewsletter('ann@example.com') // a second one the same day
  const capped = await webexConnect.waitForStatus('ann@example.com', 'Failed')
  expect(capped.code).toBe('9006')
})
