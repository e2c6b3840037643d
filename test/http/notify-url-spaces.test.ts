// The vendor: a notifyUrl not "filled with the proper URL format … would be considered an invalid
// URL", leading or trailing spaces included (notes, email-api.md; D-SMSV2). z.url() trims what it
// checks and the URL parser drops tabs and newlines inside a URL, so " https://app.test/hooks " was
// taken. Over a real socket and through MSW, on every channel of /v2/messages.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createWebexConnectMock } from '../../src/msw/create-webex-connect-mock.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'

const requests = {
  sms: { channel: 'sms', from: '88979', to: [{ msisdn: ['+447700900123'] }], content: { type: 'text', text: 'Hi' } },
  mms: {
    channel: 'mms',
    from: '15550001000',
    to: [{ msisdn: ['+12025550101'] }],
    content: { subject: 'Hi', attachments: [{ type: 'text', messageText: 'Hello' }] },
  },
  rcs: {
    channel: 'rcs',
    from: 'a_1570171',
    to: [{ msisdn: ['+447700900123'] }],
    content: { type: 'text', text: 'Hi' },
  },
  email: {
    channel: 'email',
    from: 'shop@example.test',
    to: [{ email: ['ann@example.test'] }],
    content: { type: 'text', subject: 'Hi', text: 'Hello' },
  },
}

describe('notifyUrl with whitespace on /v2/messages', () => {
  let server: RunningServer
  const mock = createWebexConnectMock()
  const msw = setupServer(...mock.handlers)
  beforeAll(async () => {
    server = await startServer(createEmulator({ clock: 'virtual' }), { port: 0, host: '127.0.0.1' })
    msw.listen({ onUnhandledRequest: 'bypass' }) // the real server's requests go through
  })
  afterAll(async () => {
    msw.close()
    await server.close(0)
  })

  const post = (url: string, body: unknown) =>
    fetch(`${url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it.each(Object.entries(requests))(
    'refuses a space-padded notifyUrl on %s with 7004 naming it',
    async (channel, body) => {
      const invalid = channel === 'mms' ? 'Invalid parameter: notifyUrl' : 'Invalid parameter - notifyUrl'
      for (const notifyUrl of [' https://app.test/hooks', 'https://app.test/hooks ', 'https://app.test/ho\toks']) {
        for (const url of [server.url, 'https://api.us.webexconnect.io']) {
          const response = await post(url, { ...body, notifyUrl })
          expect(response.status, `${url} ${JSON.stringify(notifyUrl)}`).toBe(400)
          expect(await response.json()).toEqual({ code: '7004', message: invalid })
          expect(response.headers.get('x-emulator-detail')).toMatch(/without spaces/)
        }
      }
      expect((await post(server.url, { ...body, notifyUrl: 'https://app.test/hooks' })).status).toBe(201)
    },
  )
})
