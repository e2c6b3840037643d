// This file is the "Parallel test workers" example of docs/ci.md (test/docs/snippets.test.ts checks they match).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createIsolatedEmulator, type RunningServer, startServer } from 'webex-connect-emulator'

let server: RunningServer
beforeAll(async () => {
  // In CI: `npx webex-connect-emulator start` with `"isolation": "service"` in its config file.
  server = await startServer(createIsolatedEmulator(), { port: 0 })
})
afterAll(() => server.close())

/** A test worker: its own key on the vendor API, the same key as its tenant on the control API. */
function worker(key: string) {
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/_emulator${path}`, {
      ...init,
      headers: { 'x-emulator-tenant': key, 'content-type': 'application/json' },
    }).then((response) => response.json())
  return {
    send: (to: string) =>
      fetch(`${server.url}/v2/messages`, {
        method: 'POST',
        headers: { key, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'email',
          from: 'shop@example.com',
          to: [{ email: [to] }],
          content: { type: 'text', subject: 'Hi', text: 'Hello' },
        }),
      }).then((response) => response.json()),
    messages: () => control('/messages').then((body) => body.messages),
    suppressed: () => control('/suppression').then((body) => body.entries.map((e: { address: string }) => e.address)),
    advance: (by: string) => control('/clock/advance', { method: 'POST', body: JSON.stringify({ by }) }),
    virtualTime: () => control('/clock', { method: 'PUT', body: JSON.stringify({ mode: 'virtual' }) }),
  }
}

test('two workers at the same time see only their own messages, lists and clock', async () => {
  // With vitest, each worker would be worker(`worker-${process.env.VITEST_POOL_ID}`).
  const [one, two] = [worker('worker-1'), worker('worker-2')]
  await Promise.all([one.virtualTime(), two.virtualTime()])
  const [mine, theirs] = await Promise.all([one.send('ann+bounce@example.com'), two.send('bob@example.com')])
  const [clockOne, clockTwo] = await Promise.all([one.advance('1h'), two.advance('2s')])

  expect((await one.messages()).map((m: { messageId: string }) => m.messageId)).toEqual([mine.messageId])
  expect((await two.messages()).map((m: { messageId: string }) => m.messageId)).toEqual([theirs.messageId])
  // The bounce suppressed ann for worker 1 only; worker 2's clock did not move an hour.
  expect(await one.suppressed()).toEqual(['ann+bounce@example.com'])
  expect(await two.suppressed()).toEqual([])
  expect(clockOne.now - clockTwo.now).toBeGreaterThan(3_500_000)
})
