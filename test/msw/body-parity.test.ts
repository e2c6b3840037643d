import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createWebexConnectMock } from '../../src/msw/index.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'

/** The same request body, through MSW and to the real server, gets the same answer. */
describe('MSW mode and the server read a request body alike', () => {
  const webexConnect = createWebexConnectMock({ config: { seed: 5 } })
  const mswServer = setupServer(...webexConnect.handlers)
  let server: RunningServer
  beforeAll(async () => {
    // The real server's requests go through: MSW intercepts every fetch.
    mswServer.listen({ onUnhandledRequest: 'bypass' })
    server = await startServer(createEmulator({ clock: 'virtual', config: { seed: 5 } }), { port: 0 })
  })
  afterAll(async () => {
    mswServer.close()
    await server.close()
  })

  const send = async (baseUrl: string, body: string) => {
    const response = await fetch(`${baseUrl}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body,
    })
    return { status: response.status, body: await response.json() }
  }

  it('takes JSON after a UTF-8 byte-order mark, as Request.text() reads it', async () => {
    const body = `\ufeff${JSON.stringify({
      channel: 'email',
      from: 'a@shop.test',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    })}`
    const throughMsw = await send('https://api.us.webexconnect.io', body)
    const real = await send(server.url, body)
    expect(throughMsw.status).toBe(201)
    expect(real.status).toBe(throughMsw.status)
  })
})
