// `sendAt` and `expireAt` are ISO 8601 date-times, read the same on every host: `Date.parse` also
// took "1" (the year 2001), "2025" and RFC 2822 dates, and read a time without a zone in the host's
// zone, so the same request started at another time on another machine. The vendor's times are
// UTC (D-SMSV2: "UTC e.g. 2024-09-26T13:47:18.000Z"). Over a real socket and through MSW.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createWebexConnectMock } from '../../src/msw/create-webex-connect-mock.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'

const start = Date.parse('2025-01-01T00:00:00.000Z')
const sms = (sendAt: string) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: ['+447700900123'] }],
  content: { type: 'text', text: 'Hi' },
  sendAt,
})

describe('sendAt and expireAt on /v2/messages', () => {
  const hostZone = process.env.TZ
  let emulator: Emulator
  let server: RunningServer
  const mock = createWebexConnectMock({ startAt: start })
  const msw = setupServer(...mock.handlers)
  beforeAll(async () => {
    // A host west of UTC: a time without a zone read in it would be five hours late.
    process.env.TZ = 'America/New_York'
    emulator = createEmulator({ clock: 'virtual', startAt: start })
    server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
    msw.listen({ onUnhandledRequest: 'bypass' }) // the real server's requests go through
  })
  afterAll(async () => {
    msw.close()
    await server.close(0)
    if (hostZone === undefined) delete process.env.TZ
    else process.env.TZ = hostZone
  })

  const targets = () => [
    { name: 'server', url: server.url, messages: () => emulator.messages() },
    { name: 'msw', url: 'https://api.us.webexconnect.io', messages: () => mock.messages() },
  ]
  const post = (url: string, body: unknown) =>
    fetch(`${url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it.each(['1', '2025', '2025-01-02', 'Thu, 02 Jan 2025 00:00:00 GMT', 'January 2, 2025 10:00'])(
    'refuses sendAt %j, which is no ISO 8601 date-time, with 7004 naming it',
    async (sendAt) => {
      for (const { name, url } of targets()) {
        const response = await post(url, sms(sendAt))
        expect(response.status, name).toBe(400)
        expect(await response.json(), name).toEqual({ code: '7004', message: 'Invalid parameter - sendAt' })
        expect(response.headers.get('x-emulator-detail'), name).toMatch(/ISO 8601/)
      }
    },
  )

  it.each([
    ['2025-01-01 06:00:00+00:00', '2025-01-01T06:00:00Z'],
    ['2025-01-01T11:30:00+0530', '2025-01-01T06:00:00Z'],
    ['2025-01-01 06:00:00', '2025-01-01T06:00:00Z'],
    ['2025-01-01T06:00Z', '2025-01-01T06:00:00Z'],
    ['2025-01-01t06:00:00z', '2025-01-01T06:00:00Z'],
    ['2025-01-01T06:00+0000', '2025-01-01T06:00:00Z'],
  ])(
    'takes sendAt %j as clients write it beside ISO (a space or t for the T, z, +hhmm, no seconds), as %s',
    async (sendAt, iso) => {
      for (const { name, url, messages } of targets()) {
        expect((await post(url, sms(sendAt))).status, name).toBe(201)
        expect(messages().at(-1)!.startsAt, name).toBe(Date.parse(iso))
      }
    },
  )

  it('reads a sendAt without a zone as UTC, whatever the host zone', async () => {
    for (const { name, url, messages } of targets()) {
      expect((await post(url, sms('2025-01-01T06:00:00'))).status, name).toBe(201)
      expect(messages().at(-1)!.startsAt, name).toBe(Date.parse('2025-01-01T06:00:00Z'))
    }
  })
})
