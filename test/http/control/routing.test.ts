import { describe, expect, it } from 'vitest'
import { controlApp, mail } from './control-app.js'

describe('/_emulator routing', () => {
  it('GET /_emulator/health answers ok', async () => {
    const { call } = controlApp()
    expect(await call('GET', '/_emulator/health')).toMatchObject({ status: 200, body: { status: 'ok' } })
  })

  it('GET /_emulator/stats counts messages, deliveries, timers and event subscribers', async () => {
    const { call, send, emulator } = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/h' }] } } })
    await send(mail(['ann@a.test', 'bob@a.test']))
    await emulator.advance(0)
    expect((await call('GET', '/_emulator/stats')).body).toMatchObject({
      messages: 1,
      deliveries: 2,
      evictedMessages: 0,
      pendingTimers: 2,
      eventSubscribers: 0,
    })
  })

  it("answers an unknown control route with 404 in the control API's shape, pointing at the OpenAPI document", async () => {
    const { expectRefused } = controlApp()
    await expectRefused(
      'GET',
      '/_emulator/mesages',
      undefined,
      404,
      'not_found',
      /No route for GET \/_emulator\/mesages.*openapi\.json/,
    )
  })

  it('answers a wrong method with 405 and an Allow header listing the right ones', async () => {
    const { call, snapshot } = controlApp()
    const before = snapshot()
    const response = await call('DELETE', '/_emulator/messages')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
    expect(response.body).toEqual({
      code: 'method_not_allowed',
      message: 'DELETE is not allowed on /_emulator/messages: use GET',
    })
    expect((await call('PUT', '/_emulator/suppression')).headers.get('allow')).toBe('GET, POST')
    expect(snapshot()).toBe(before)
  })

  it('redirects /_emulator/ (the URL the CLI prints) to the console, keeping the token', async () => {
    const { app } = controlApp({ controlToken: 't' })
    const response = await app.request('/_emulator/?token=t')
    expect(response.status).toBe(308)
    expect(response.headers.get('location')).toBe('/_emulator?token=t')
  })
})
