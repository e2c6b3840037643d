import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createWebexConnectMock } from '../../src/msw/index.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'

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
