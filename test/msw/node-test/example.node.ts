// Run by node's own test runner (see ../node-test-runner.test.ts): the MSW mode needs no vitest.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { setupServer } from 'msw/node'
import { createWebexConnectMock } from '../../../src/msw/index.js'

const webexConnect = createWebexConnectMock()
const server = setupServer(...webexConnect.handlers)
before(() => server.listen({ onUnhandledRequest: 'error' }))
after(() => server.close())

test('a bounce under node:test', async () => {
  const response = await fetch('https://api.in.webexconnect.io/v2/messages', {
    method: 'POST',
    headers: { key: 'k', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'email',
      from: 'a@shop.test',
      to: [{ email: ['ann+bounce@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    }),
  })
  assert.equal(response.status, 201)
  const bounce = await webexConnect.waitForStatus('ann+bounce@example.com', 'Bounce')
  assert.equal(bounce.description, 'Permanent_General')
})
