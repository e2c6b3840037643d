import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createWebexConnectMock } from '../../src/msw/index.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { postEmailSend } from '../support/email-send.js'

/** Which URLs the handlers claim, compared with what the server's app answers for the same request. */
describe('MSW mode: the vendor URLs it answers, as the server does', () => {
  const webexConnect = createWebexConnectMock({ config: { seed: 5 } })
  const server = setupServer(...webexConnect.handlers)
  const emulator = createEmulator({ clock: 'virtual', config: { seed: 5 } })
  const app = createApp(emulator, { checkSite: false })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(async () => {
    server.close()
    await emulator.close()
  })

  it.each([
    ['POST', '/v2/messages/'],
    ['POST', '/v1/sms/messages/'],
    ['GET', '/v1/sms/messages/m1/'],
    ['POST', '/v1/whatsapp/messages/'],
    ['GET', '/v1/groups/g1/members/'],
  ])(
    '%s %s, with a trailing slash, gets the server’s 404 saying the path without it is served',
    async (method, path) => {
      const init = { method, headers: { key: 'k', authorization: 'Bearer k' } }
      const response = await fetch(`https://api.us.webexconnect.io${path}`, init)
      const served = await app.request(`http://localhost:4600${path}`, init)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual(await served.json())
    },
  )
})

describe('MSW mode: base URLs', () => {
  const send = (url: string) => postEmailSend(`${url}/v2/messages`)

  it('answers on a base URL written with its default port or a trailing slash, as requests show it', async () => {
    const webexConnect = createWebexConnectMock({ baseUrls: ['https://webex.internal:443', 'http://localhost:4600/'] })
    const server = setupServer(...webexConnect.handlers)
    server.listen({ onUnhandledRequest: 'error' })
    try {
      expect((await send('https://webex.internal')).status).toBe(201)
      expect((await send('http://localhost:4600')).status).toBe(201)
    } finally {
      server.close()
    }
  })

  it.each([
    ['localhost:4600'],
    ['http://localhost:4600?tenant=a'],
    ['http://localhost:4600/api'],
    ['ftp://localhost:4600'],
    ['not a url'],
  ])('refuses %s, on which no vendor route would be served, naming it', (baseUrl) => {
    expect(() => createWebexConnectMock({ baseUrls: ['http://localhost:4600', baseUrl] })).toThrow(
      `baseUrls[1] "${baseUrl}" is not a base URL the handlers can answer on: give an http(s) origin`,
    )
  })
})
