import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { createWebexConnectMock } from '../../src/msw/index.js'
import { postEmailSend } from '../support/email-send.js'

// An app under test often fakes timers for its own debounces and retries. The mock runs on its own
// virtual clock, so its sends, waits and webhooks work the same under vi.useFakeTimers() — the
// vitest default and one that fakes setImmediate and performance too — with no vi.advanceTimers*.
/** The real setTimeout, taken before any test fakes it: a wait that hangs on a faked timer fails here. */
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`still waiting after ${ms} ms with timers faked`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => realClearTimeout(timer))
}

const webexConnect = createWebexConnectMock({
  config: { webhooks: { targets: [{ url: 'https://app.test/hooks' }] } },
  onWebhook: () => {},
})
const server = setupServer(...webexConnect.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  webexConnect.reset()
})
afterAll(() => server.close())

const send = (to: string) =>
  postEmailSend('https://api.us.webexconnect.io/v2/messages', to).then(
    (response) => response.json() as Promise<{ messageId: string }>,
  )

it.each([
  ['the default', undefined],
  ['setImmediate and performance too', ['setTimeout', 'setInterval', 'setImmediate', 'Date', 'performance'] as const],
])('works under vi.useFakeTimers() faking %s', async (_, toFake) => {
  vi.useFakeTimers(toFake ? { toFake: [...toFake] } : undefined)
  const { messageId } = await withDeadline(send('ann@example.com'), 4_000)
  const delivered = await withDeadline(webexConnect.waitForStatus('ann@example.com', 'Delivered'), 4_000)
  expect(delivered).toMatchObject({ messageId, code: '7500' })
  await withDeadline(webexConnect.advance('7d'), 4_000)
  await withDeadline(webexConnect.runUntilIdle(), 4_000)
  expect(webexConnect.webhooks().map((webhook) => webhook.status)).toEqual(['Submitted', 'Delivered'])
})
