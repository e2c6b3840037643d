// Run by node's own test runner (see ../node-test-runner.test.ts): a wait on a webhook attempt that
// never answers ends at the attempt's deadline, with nothing else keeping the process alive.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createWebexConnectMock } from '../../../src/msw/index.js'

test('a sink that never answers times out under node:test', async () => {
  const webexConnect = createWebexConnectMock({
    config: { webhooks: { timeout: 50, retries: 0, targets: [{ url: 'https://app.test/hooks' }] } },
    onWebhook: () => new Promise<number>(() => {}),
  })
  webexConnect.emulator.send({
    channel: 'email',
    from: 'a@shop.test',
    to: [{ email: ['ann@example.com'] }],
    content: { type: 'text', subject: 's', text: 't' },
  })
  await webexConnect.runUntilIdle()
  assert.match(webexConnect.webhooks()[0]?.attempts[0]?.error ?? '', /^timed out after 50 ms/)
})
