// This file is the README's "Unit tests with MSW" example, verbatim; keep them in step.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createWebexConnectMock } from 'webex-connect-emulator/msw'

const webexConnect = createWebexConnectMock()
const server = setupServer(...webexConnect.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => webexConnect.reset())
afterAll(() => server.close())

// Your code: it calls the real vendor URL; MSW hands the request to the emulator.
async function sendWelcomeEmail(to: string) {
  const response = await fetch('https://api.us.webexconnect.io/v2/messages', {
    method: 'POST',
    headers: { key: 'my-service-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'email',
      from: 'welcome@shop.example',
      to: [{ email: [to] }],
      content: { type: 'text', subject: 'Welcome!', text: 'Hello there' },
    }),
  })
  return response.json()
}

test('a welcome email is delivered', async () => {
  const { messageId } = await sendWelcomeEmail('ann@example.com')
  const delivered = await webexConnect.waitForStatus('ann@example.com', 'Delivered')
  expect(delivered).toMatchObject({ messageId, code: '7500' })
})

test('a bounced address is refused for 7 days, then accepted again', async () => {
  await sendWelcomeEmail('ann+bounce@example.com')
  await webexConnect.waitForStatus('ann+bounce@example.com', 'Bounce')

  await sendWelcomeEmail('ann+bounce@example.com')
  const refused = await webexConnect.waitForStatus('ann+bounce@example.com', 'Failed')
  expect(refused.description).toBe('already bounced : ann+bounce@example.com')

  await webexConnect.advance('7d')
  await sendWelcomeEmail('ann+bounce@example.com')
  await webexConnect.waitForStatus('ann+bounce@example.com', 'Submitted')
})
