/**
 * Requests to the v1 APIs that a fuzz found answered wrongly (helper-43): a 500 for data the
 * emulator does not validate deeply, refusals naming a field the request does not have, and what
 * the docs say about every channel that only some channels did. Each over the app, as a client
 * meets it.
 */
import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'

const wa = 'a_157967534853754560'
const fb = 'a_638604000000099980000'
const apple = 'a_637818908588360000'
const config = {
  whatsapp: { apps: [wa], templates: { spring_sale: { parameters: ['name'] } } },
  fb: { apps: [fb] },
  AppleBusinessChat: { apps: [apple] },
  rcs: { apps: ['rcs-app'] },
}
const bearer = { authorization: 'Bearer service-key' }
const inbound = (app: ReturnType<typeof contractApp>['app'], path: string, body: unknown) =>
  app.request(`/_emulator/inbound/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('contact cards are shown by a name that is text, whatever else a card holds', () => {
  const oddCards = [
    { name: { formatted_name: { toString: 1 } } },
    { name: { first_name: { toString: {}, valueOf: {} } } },
  ]

  it('takes them on all three ways in (they were a 500: String() of such an object throws)', async () => {
    const { app, post } = contractApp(config)
    const v1 = await post('/resources/v1/messaging', {
      deliverychannel: 'whatsapp',
      appid: wa,
      destination: [{ waid: ['447700900001'] }],
      channels: { 'OTT-Messaging': { wa: { type: 'contacts', contacts: oddCards } } },
    })
    expect(v1.status, await v1.clone().text()).toBe(200)
    const heard = await inbound(app, 'whatsapp', { waid: '447700900001', type: 'contacts', contacts: oddCards })
    expect(heard.status, await heard.clone().text()).toBe(201)
    const sandbox = await post(
      '/v1/whatsapp/messages',
      { from: wa, to: '+447700900001', contentType: 'CONTACTS', contacts: oddCards },
      bearer,
    )
    expect(sandbox.status, await sandbox.clone().text()).toBe(202)
    const conversation = await app.request(`/_emulator/whatsapp/conversations/${wa}/447700900001`)
    expect(JSON.stringify(await conversation.json())).toContain('"contacts":["contact","contact"]')
  })
})

describe('the sandbox WhatsApp API', () => {
  it('merges a long substitutions array (300,000 one-key objects overflowed the stack: a 500)', async () => {
    const { post } = contractApp(config)
    const substitutions = Array.from({ length: 300_000 }, () => ({}))
    substitutions[0] = { name: 'Ann' }
    const answer = await post(
      '/v1/whatsapp/messages',
      { from: wa, to: '+447700900001', contentType: 'TEMPLATE', templateId: 'spring_sale', substitutions },
      bearer,
    )
    expect(answer.status, await answer.clone().text()).toBe(202)
  })

  it('refuses a body that is JSON but no object as Invalid JSON (7000), as /v2/messages does, on it and on /v1/sms/messages', async () => {
    const { post } = contractApp(config)
    for (const [path, headers] of [
      ['/v1/whatsapp/messages', bearer],
      ['/v1/sms/messages', { key: 'service-key' }],
    ] as const)
      for (const body of ['[]', '5', '"text"', 'null']) {
        const answer = await post(path, body, headers)
        expect([path, body, answer.status, await answer.json()]).toEqual([
          path,
          body,
          400,
          { code: '7000', message: 'Invalid JSON' },
        ])
      }
  })
})

describe('a destination’s own correlation id, on every channel of the Messaging API v1 (D-MSGV1)', () => {
  it.each([
    [
      'fb',
      {
        appid: fb,
        destination: [{ psid: ['1'], correlationid: 'c-1' }],
        channels: { 'OTT-Messaging': { fb: { text: 'hi' } } },
      },
    ],
    [
      'applebusinesschat',
      {
        appid: apple,
        destination: [{ abcUserId: ['urn:mbid:X'], correlationId: 'c-1' }],
        channels: { AppleBusinessChat: { type: 'text', text: 'hi' } },
      },
    ],
  ])('%s: answered, and on its receipts, overriding the request’s', async (deliverychannel, request) => {
    const { emulator, post, posted } = contractApp({
      ...config,
      webhooks: { targets: [{ url: 'http://app.test/receipts' }] },
    })
    const answer = await (
      await post('/resources/v1/messaging', { deliverychannel, correlationid: 'request-level', ...request })
    ).json()
    expect(answer.response[0].correlationid).toBe('request-level')
    const alone = await (await post('/resources/v1/messaging', { deliverychannel, ...request })).json()
    expect(alone.response[0].correlationid).toBe('c-1')
    await emulator.runUntilIdle()
    const ids = posted.map((p) => p.payload.deliveryInfoNotification?.correlationid)
    expect(ids.length).toBeGreaterThan(0)
    expect(new Set(ids)).toEqual(new Set(['c-1']))
  })
})

describe('legacy SMS on the Messaging API v1', () => {
  const sms = (extra: Record<string, unknown>, type?: string, body?: string) => ({
    deliverychannel: 'sms',
    destination: [{ msisdn: ['+447700900001'] }],
    channels: { sms: type ? { type, body } : { text: 'hi' } },
    ...extra,
  })

  it('refuses an expiry that is no date as an invalid expiry, in its own words (it named expireAt, "more than 7 days ahead")', async () => {
    const { post } = contractApp()
    for (const expiry of ['garbage', '']) {
      const answer = await (await post('/resources/v1/messaging', sms({ expiry }))).json()
      expect(answer.response).toMatchObject({ code: '7004', description: "invalid value of param 'expiry'" })
    }
    const far = new Date(Date.UTC(2025, 0, 20)).toISOString() // the virtual clock starts 2025-01-01
    const tooFar = await post('/resources/v1/messaging', sms({ expiry: far }))
    expect((await tooFar.json()).response).toMatchObject({
      code: '7004',
      description: "invalid value of param 'expiry'",
    })
    // What the log and the console show names it too.
    expect(tooFar.headers.get('x-emulator-detail')).toMatch(
      /^expiry "2025-01-20T00:00:00.000Z" is more than 7 days ahead/,
    )
    const fine = await (await post('/resources/v1/messaging', sms({ expiry: '2025-01-02T00:00:00Z' }))).json()
    expect(fine.response[0]).toMatchObject({ code: '1001' })
  })

  it('refuses a binary (type 3) body that is not hex octets, here and as contentType BINARY on /v1/sms/messages', async () => {
    const { post } = contractApp()
    for (const body of ['zz', '', 'abc', 'not hex at all!']) {
      const answer = await (await post('/resources/v1/messaging', sms({}, '3', body))).json()
      expect([body, answer.response]).toMatchObject([
        body,
        { code: '7004', description: "invalid value of param 'body'" },
      ])
      const v1 = await post('/v1/sms/messages', {
        from: '88979',
        to: '+447700900001',
        contentType: 'BINARY',
        content: body,
      })
      expect([body, v1.status, await v1.json()]).toEqual([
        body,
        400,
        { code: '7004', message: 'Invalid parameter -  : content' },
      ])
    }
    const hex = await (await post('/resources/v1/messaging', sms({}, '3', '48 65 6C6C6F'))).json()
    expect(hex.response[0]).toMatchObject({ code: '1001' })
  })
})

describe('inbound events to an app the tenant does not have', () => {
  it.each([
    ['whatsapp', { waid: '447700900077', appId: 'a_15796753485375456', text: 'hi' }, 'whatsapp.apps'],
    ['fb', { psid: '77', appId: 'a_63860400000009998', text: 'hi' }, 'fb.apps'],
    ['AppleBusinessChat', { abcUserId: 'urn:mbid:Y', appId: 'a_6378189085883', text: 'hi' }, 'AppleBusinessChat.apps'],
    ['rcs/mo', { from: '+447700900001', to: 'rcs-typo', text: 'hi' }, 'rcs.apps'],
  ])(
    '%s: refused naming the app ids configured (it was posted, and opened a window no send could use)',
    async (path, body, key) => {
      const { app, emulator, posted } = contractApp({
        ...config,
        webhooks: { targets: [{ url: 'http://app.test/in' }] },
      })
      const answer = await inbound(app, path, body)
      expect(answer.status).toBe(400)
      expect((await answer.json()).message).toContain(`is not one of ${key}`)
      await emulator.runUntilIdle()
      expect(posted).toEqual([])
      const { appId: _, to: __, ...withoutApp } = body as Record<string, unknown>
      expect((await inbound(app, path, withoutApp)).status).toBe(201) // the first configured app
    },
  )
})

describe('a path with a trailing slash the API does not serve', () => {
  it('is a 404 that says the path without it is served, not "POST is not allowed … use POST"', async () => {
    const { app, post } = contractApp()
    for (const path of ['/v1/sms/messages/', '/v2/messages/']) {
      const answer = await post(path, {})
      expect(answer.status).toBe(404)
      expect(answer.headers.get('allow')).toBeNull()
      expect((await answer.json()).message).toContain(
        `(POST ${path.slice(0, -1)}, without the trailing slash, is served)`,
      )
    }
    // The hint names the methods served there, so a GET is not told its path is.
    const get = await app.request('/v2/messages/', { headers: { key: 'service-key' } })
    expect((await get.json()).message).toContain('(POST /v2/messages, without the trailing slash, is served)')
  })
})
