import { describe, expect, it } from 'vitest'
import type { EmulatorConfigInput } from '../../src/core/schemas/config.js'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { emailTo } from '../support/virtual-emulator.js'

/** The app on virtual time, with a wall clock the test moves by hand. */
function appWith(config: EmulatorConfigInput = {}) {
  const wall = { now: Date.parse('2026-03-10T09:00:00.250Z') }
  const emulator = createEmulator({
    clock: 'virtual',
    startAt: Date.parse('2026-03-10T09:00:00.000Z'),
    config: { seed: 3, ...config },
    transport: async () => ({ status: 200, latencyMs: 0 }),
  })
  const app = createApp(emulator, { wallClock: () => wall.now })
  const send = () =>
    app.request('/v2/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', key: 'k' },
      body: JSON.stringify(emailTo('c@d.test')),
    })
  const control = (method: string, path: string, body?: unknown) =>
    app.request(`/_emulator${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
  return { emulator, app, send, control, wall }
}

const recorded = {
  rate: '{"detail":{"response_message":{"code":"7020","message":"You have reached maximum transaction limit (rate)."},"status_code":"400"},',
}

describe("the real API's answer headers", () => {
  it('answers 201 as application/json;charset=ISO-8859-1 with the rate and quota headers the real API sends', async () => {
    const { send } = appWith()
    const response = await send()
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1')
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('x-')))).toEqual({
      'x-rate-limit-limit': '30',
      'x-rate-limit-remaining': '29',
      'x-quota-limit-limit': '10000000',
      'x-quota-limit-remaining': '9999999',
      'x-quota-limit-reset': '2026-03-11T00:00:00.000Z',
    })
    const second = await send()
    expect(second.headers.get('x-rate-limit-remaining')).toBe('28')
    expect(second.headers.get('x-quota-limit-remaining')).toBe('9999998')
  })

  it('answers 400 in the same content type, and encodes the body as Latin-1 as it says', async () => {
    const { app } = appWith()
    const response = await app.request('/v2/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', key: 'k' },
      body: JSON.stringify(emailTo('c@d.test', { to: [{ email: ['c@d.test'], correlationId: 'café ☕' }] })),
    })
    expect(response.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1')
    // "é" is one Latin-1 byte; "☕" has none, so it is written "?".
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.toString('latin1')).toContain('"correlationId":"café ?"')
    const invalid = await app.request('/v2/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', key: 'k' },
      body: '{',
    })
    expect(invalid.status).toBe(400)
    expect(invalid.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1')
  })

  it('keeps 401 an empty body', async () => {
    const { app } = appWith()
    const response = await app.request('/v2/messages', { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('')
  })
})

describe("rateLimit: the tenant's transactions per second and daily quota", () => {
  it("past perSecond answers 400 7020 in the gateway's envelope, as a production client recorded it", async () => {
    const { send, emulator, wall } = appWith({ rateLimit: { perSecond: 3 } })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await send()).status)
    expect(statuses).toEqual([201, 201, 201, 400, 400])
    const refused = await send()
    const text = await refused.text()
    expect(text.startsWith(recorded.rate)).toBe(true)
    expect(JSON.parse(text)).toEqual({
      detail: {
        response_message: { code: '7020', message: 'You have reached maximum transaction limit (rate).' },
        status_code: '400',
      },
      generated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      tags: {},
    })
    expect(refused.headers.get('x-emulator-detail')).toMatch(/more than 3 requests in one second/)
    expect(emulator.messages()).toHaveLength(3)
    // The next wall-clock second has room again; the headers count down from the configured limit.
    wall.now += 1_000
    const next = await send()
    expect(next.status).toBe(201)
    expect(next.headers.get('x-rate-limit-limit')).toBe('3')
    expect(next.headers.get('x-rate-limit-remaining')).toBe('2')
  })

  it('answers 429 with the flat body and Retry-After when rateLimit.answer is "http-429"', async () => {
    const { send } = appWith({ rateLimit: { perSecond: 1, answer: 'http-429' } })
    expect((await send()).status).toBe(201)
    const refused = await send()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(await refused.text()).toBe('{"code":"7020","message":"You have reached maximum transaction limit (rate)."}')
  })

  it('past perDay answers 7020 "(quota)" until the emulator\'s clock passes midnight UTC', async () => {
    const { send, emulator, wall } = appWith({ rateLimit: { perDay: 2 } })
    expect((await send()).status).toBe(201)
    wall.now += 5_000
    expect((await send()).headers.get('x-quota-limit-remaining')).toBe('0')
    wall.now += 5_000
    const refused = await send()
    expect(refused.status).toBe(400)
    expect((await refused.json()).detail.response_message.message).toBe(
      'You have reached maximum transaction limit (quota).',
    )
    await emulator.advance(15 * 3_600_000)
    const tomorrow = await send()
    expect(tomorrow.status).toBe(201)
    expect(tomorrow.headers.get('x-quota-limit-reset')).toBe('2026-03-12T00:00:00.000Z')
  })

  it('is set, read and turned off through /_emulator/rate-limit, with counts; reset restores the config', async () => {
    const { send, control, emulator } = appWith()
    expect((await control('PUT', '/rate-limit', { perSecond: 1 })).status).toBe(200)
    expect((await send()).status).toBe(201)
    expect((await send()).status).toBe(400)
    expect(await (await control('GET', '/rate-limit')).json()).toEqual({
      rateLimit: { perSecond: 1, answer: 'gateway' },
      counts: { admitted: 1, rateLimited: 1, quotaExhausted: 0 },
    })
    expect((await control('PUT', '/rate-limit', { perSecond: 0 })).status).toBe(400)
    expect((await control('PUT', '/rate-limit', { perMinute: 5 })).status).toBe(400)
    expect((await control('DELETE', '/rate-limit')).status).toBe(204)
    expect((await send()).status).toBe(201)
    await control('PUT', '/rate-limit', { perSecond: 1 })
    emulator.reset()
    expect(emulator.rateLimit()).toEqual({ answer: 'gateway' })
  })

  it('tells a config that still says chaos.rateLimitPerSecond where the key went', async () => {
    expect(() => appWith({ chaos: { rateLimitPerSecond: 5 } as never })).toThrow(
      /"chaos\.rateLimitPerSecond" moved: it is "rateLimit\.perSecond" now/,
    )
  })
})

describe('7020 on the Messaging API v1 (/resources/v1/messaging)', () => {
  const v1Sms = {
    deliverychannel: 'sms',
    destination: [{ msisdn: ['+447700900001'] }],
    channels: { sms: { senderid: 'CONNCT', text: 'Hello' } },
  }

  it('answers past the limit in the v1 envelope {"response":{code, description, transid}}, with messagingV1.errorStatus', async () => {
    const { app, wall } = appWith({ rateLimit: { perSecond: 1 }, messagingV1: { errorStatus: 400 } })
    const send = () =>
      app.request('/resources/v1/messaging', {
        method: 'POST',
        headers: { 'content-type': 'application/json', key: 'k' },
        body: JSON.stringify(v1Sms),
      })
    expect((await (await send()).json()).response[0]).toMatchObject({ code: '1001', description: 'Queued' })
    const refused = await send()
    expect(refused.status).toBe(400)
    const body = await refused.json()
    expect(Object.keys(body)).toEqual(['response'])
    expect(body.response).toEqual({
      code: '7020',
      description: 'You have reached maximum transaction limit (rate).',
      transid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    wall.now += 1_000
    expect((await (await send()).json()).response[0].code).toBe('1001')
  })

  it('answers HTTP 429 with Retry-After, still in the v1 envelope, when rateLimit.answer is "http-429"', async () => {
    const { app } = appWith({ rateLimit: { perDay: 1, answer: 'http-429' } })
    const send = () =>
      app.request('/resources/v1/messaging', {
        method: 'POST',
        headers: { 'content-type': 'application/json', key: 'k' },
        body: JSON.stringify(v1Sms),
      })
    expect((await send()).status).toBe(200)
    const refused = await send()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await refused.json()).response).toMatchObject({
      code: '7020',
      description: 'You have reached maximum transaction limit (quota).',
    })
  })
})
