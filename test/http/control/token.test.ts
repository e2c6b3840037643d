import { describe, expect, it } from 'vitest'
import { controlApp, mail } from './control-app.js'

describe('--control-token', () => {
  const token = 's3cret-token'

  it('refuses control routes without the token, with 401 saying how to send it, and changes nothing', async () => {
    const { expectRefused, call } = controlApp({ controlToken: token })
    await expectRefused(
      'GET',
      '/_emulator/messages',
      undefined,
      401,
      'control_token_required',
      /Authorization: Bearer <token>/,
    )
    await expectRefused(
      'POST',
      '/_emulator/suppression',
      { address: 'a@a.test' },
      401,
      'control_token_required',
      /x-emulator-token/,
    )
    expect((await call('GET', '/_emulator/messages', undefined, { authorization: 'Bearer wrong-token!' })).status).toBe(
      401,
    )
    expect((await call('GET', '/_emulator/openapi.json')).status).toBe(401)
    expect((await call('GET', '/_emulator/events')).status).toBe(401)
  })

  it('accepts it as a Bearer token, an x-emulator-token header or ?token=', async () => {
    const { call } = controlApp({ controlToken: token })
    expect((await call('GET', '/_emulator/messages', undefined, { authorization: `Bearer ${token}` })).status).toBe(200)
    expect((await call('GET', '/_emulator/messages', undefined, { 'x-emulator-token': token })).status).toBe(200)
    expect((await call('GET', `/_emulator/messages?limit=5&token=${token}`)).status).toBe(200)
    const added = await call(
      'POST',
      '/_emulator/suppression',
      { address: 'a@a.test' },
      { authorization: `Bearer ${token}` },
    )
    expect(added.status).toBe(201)
  })

  it('accepts a token with spaces in it (any string the CLI takes) as a Bearer token', async () => {
    const { call } = controlApp({ controlToken: 'two words' })
    expect((await call('GET', '/_emulator/messages', undefined, { authorization: 'Bearer two words' })).status).toBe(
      200,
    )
    expect((await call('GET', '/_emulator/messages', undefined, { authorization: 'Bearer two' })).status).toBe(401)
  })

  it('leaves health, the console page and the vendor API open', async () => {
    const { app, send } = controlApp({ controlToken: token })
    expect((await app.request('/_emulator/health')).status).toBe(200)
    const page = await app.request('/_emulator')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect((await send(mail('ann@a.test'))).status).toBe(201)
  })

  it('is not needed when no token is configured', async () => {
    const { call } = controlApp()
    expect((await call('GET', '/_emulator/messages')).status).toBe(200)
  })
})
