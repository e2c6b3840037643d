import { describe, expect, it } from 'vitest'
import { ContactPolicy } from '../../src/core/kernel/contact-policy.js'
import { parseConfig } from '../../src/core/parse-config.js'
import { contractApp } from '../contract/support/contract-app.js'
import { hmrcRawEvent, load } from '../contract/support/corpus.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const group = 'yk7_hM8eQQeFwA3zHyfRgg'
const checks = { contactPolicyGroup: group, channelCheckConsent: true, channelApplyFrequencyCap: true }
const consentOnly = { contactPolicyGroup: group, channelCheckConsent: true }

/** Each recipient's receipts as [status, code, Description]. */
async function outcome(emulator: ReturnType<typeof createTestEmulator>['emulator'], messageId: string) {
  await emulator.runUntilIdle()
  return emulator.message(messageId)!.recipients.map((r) => r.receipts.map((x) => [x.status, x.code, x.description]))
}

describe('contact policy (consent groups and frequency caps)', () => {
  it('fails a recipient who opted out with 9002 "Recipient has not consented to message", instead of a lifecycle', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: {
        groups: [{ id: group, type: 'deny', members: [{ channel: 'email', address: 'Gone@X.test', consent: false }] }],
      },
    })
    const { messageId } = emulator.send(emailTo(['gone@x.test', 'ann@x.test'], { contactPolicy: checks }))
    expect(await outcome(emulator, messageId)).toEqual([
      [['Failed', '9002', 'Recipient has not consented to message']],
      [
        ['Submitted', '7501', 'Submitted'],
        ['Delivered', '7500', 'Delivered'],
      ],
    ])
    expect(emulator.message(messageId)!.recipients[0]!.fate).toBe('rejected (9002)')
  })

  it('lets nobody through an allow list but those who opted in, and fails lapsed consent with 9010', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: {
        groups: [
          {
            id: group,
            type: 'allow',
            members: [
              { channel: 'email', address: 'in@x.test', consent: true },
              { channel: 'email', address: 'lapsed@x.test', consent: true, expires: '2024-12-31T00:00:00Z' },
            ],
          },
        ],
      },
    })
    const { messageId } = emulator.send(
      emailTo(['in@x.test', 'lapsed@x.test', 'stranger@x.test'], { contactPolicy: consentOnly }),
    )
    const [opted, lapsed, stranger] = await outcome(emulator, messageId)
    expect(opted!.at(-1)).toEqual(['Delivered', '7500', 'Delivered'])
    expect(lapsed).toEqual([['Failed', '9010', 'Consent check failed, customer consent expired']])
    expect(stranger).toEqual([['Failed', '9002', 'Recipient has not consented to message']])
  })

  it('checks nothing when the request has no contactPolicy, or asks for no check', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: { groups: [{ id: group, type: 'allow' }] },
    })
    const none = emulator.send(emailTo('ann@x.test'))
    const neither = emulator.send(emailTo('bob@x.test', { contactPolicy: { contactPolicyGroup: group } }))
    for (const { messageId } of [none, neither])
      expect((await outcome(emulator, messageId))[0]!.at(-1)![0]).toBe('Delivered')
  })

  it('answers 9001 without a group, 9000 when the tenant has contact policy off, and passes or rejects unknown groups as configured', async () => {
    const { emulator } = createTestEmulator()
    const noGroup = emulator.send(
      emailTo('a@x.test', { contactPolicy: { contactPolicyGroup: ' ', channelCheckConsent: true } }),
    )
    expect(await outcome(emulator, noGroup.messageId)).toEqual([[['Failed', '9001', 'Contact policy inputs required']]])
    const unknown = emulator.send(
      emailTo('b@x.test', { contactPolicy: { ...consentOnly, contactPolicyGroup: 'nobody-knows' } }),
    )
    expect((await outcome(emulator, unknown.messageId))[0]!.at(-1)![0]).toBe('Delivered')
    emulator.contactPolicy.setEnabled(false)
    const off = emulator.send(emailTo('c@x.test', { contactPolicy: checks }))
    expect(await outcome(emulator, off.messageId)).toEqual([[['Failed', '9000', 'Contact policy not enabled']]])

    const strict = createTestEmulator({ contactPolicy: { unknownGroups: 'reject' } }).emulator
    const consent = strict.send(
      emailTo('d@x.test', { contactPolicy: { ...consentOnly, contactPolicyGroup: 'nobody-knows' } }),
    )
    const cap = strict.send(
      emailTo('e@x.test', { contactPolicy: { contactPolicyGroup: 'nobody-knows', channelApplyFrequencyCap: 'true' } }),
    )
    expect(await outcome(strict, consent.messageId)).toEqual([
      [['Failed', '9005', 'Invalid or unknown group ID or channel']],
    ])
    expect(await outcome(strict, cap.messageId)).toEqual([
      [['Failed', '9007', 'Frequency cap: The group was not found']],
    ])
  })

  it('caps how many messages a recipient gets per day (rolling, on the emulator clock): 9006 past it', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: { groups: [{ id: group, frequency: { scope: 'all', daily: 2, weekly: 5 } }] },
    })
    const send = () => emulator.send(emailTo('ann@x.test', { contactPolicy: checks }))
    const first = [send(), send(), send()]
    const results = await Promise.all(first.map((m) => outcome(emulator, m.messageId)))
    expect(results.map((r) => r[0]!.at(-1)![1])).toEqual(['7500', '7500', '9006'])
    expect(results[2]).toEqual([[['Failed', '9006', 'Frequency cap: Recipient has exceeded frequency cap']]])
    await emulator.advance(24 * 3_600_000)
    expect((await outcome(emulator, send().messageId))[0]!.at(-1)![1]).toBe('7500')
    // The cap ignores a request that does not ask for it, but counts nothing for it either.
    const unchecked = emulator.send(emailTo('ann@x.test'))
    expect((await outcome(emulator, unchecked.messageId))[0]!.at(-1)![1]).toBe('7500')
  })

  it('takes +noconsent, +consent-expired and +frequency-capped, and rules naming them — only when the request asks for a check', async () => {
    const { emulator } = createTestEmulator({ rules: [{ domain: 'optout.test', outcome: 'noconsent' }] })
    const asked = emulator.send(
      emailTo(['a+noconsent@x.test', 'b+consent-expired@x.test', 'c+frequency-capped@x.test', 'd@optout.test'], {
        contactPolicy: checks,
      }),
    )
    expect((await outcome(emulator, asked.messageId)).map((r) => r[0]![1])).toEqual(['9002', '9010', '9006', '9002'])
    const notAsked = emulator.send(emailTo('a+noconsent@x.test'))
    expect((await outcome(emulator, notAsked.messageId))[0]!.at(-1)![0]).toBe('Delivered')
  })

  it("sends the 9002 receipt in the shape HMRC's production receiver decodes, like its recorded one", async () => {
    const { post, emulator, posted } = contractApp({
      contactPolicy: { groups: [{ id: group, type: 'allow' }] },
    })
    const request = load('hmrc/email-send-request.json').artefact
    const callbackData = Buffer.from(JSON.stringify({ regime: 'sa' })).toString('base64')
    await post('/v2/messages', {
      ...request,
      to: [{ email: ['test@digital.hmrc.gov.uk'], correlationId: '459c988b-3bae-4398-8cdc-23f1891c3499' }],
      callbackData,
      contactPolicy: { contactPolicyGroup: group, channelCheckConsent: true, channelApplyFrequencyCap: true },
      notifyUrl: 'https://hooks.test/events',
      requestedReceipts: ['failed'],
    })
    await emulator.runUntilIdle()
    expect(posted).toHaveLength(1)
    const ours = hmrcRawEvent.parse(posted[0]!.payload)
    const recorded = load('hmrc/email-sftp-failed-webhook-export.json').artefact[1].df_payload
    expect(ours.deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: recorded.deliveryInfoNotification.deliveryInfo.code,
      Description: recorded.deliveryInfoNotification.deliveryInfo.Description,
      deliveryStatus: recorded.deliveryInfoNotification.deliveryInfo.deliveryStatus,
      additionalInfo: '',
    })
  })

  it('survives a snapshot and a reset brings back the configured groups only', () => {
    const { emulator } = createTestEmulator({ contactPolicy: { groups: [{ id: 'configured' }] } })
    emulator.contactPolicy.setConsent('added', { channel: 'email', address: 'ann@x.test', consent: false })
    const snapshot = emulator.exportState()
    expect(snapshot.contactPolicy?.groups.map((g) => g.id)).toEqual(['configured', 'added'])
    const restored = createTestEmulator().emulator
    restored.importState(JSON.parse(JSON.stringify(snapshot)))
    expect(restored.contactPolicy.groups().find((g) => g.id === 'added')!.members[0]).toMatchObject({
      address: 'ann@x.test',
      consent: false,
    })
    emulator.reset()
    expect(emulator.contactPolicy.groups().map((g) => g.id)).toEqual(['configured'])
  })
})

describe("the vendor's Consent API, as a production client calls it", () => {
  const auth = { authorization: 'Bearer consent-key' }
  const call = (app: ReturnType<typeof contractApp>['app'], method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it('records consent with POST (204), looks a member up with ?address= and pages with X-cp-continue-token', async () => {
    const { app, post, emulator } = contractApp()
    const members = '/v1/groups/marketing/members'
    expect(
      (await call(app, 'POST', members, { channel: 'email', address: 'Ann@X.test', consent: false, reason: 'bounced' }))
        .status,
    ).toBe(204)
    for (const address of ['b@x.test', 'c@x.test'])
      await call(app, 'POST', members, { channel: 'email', address, consent: true, reason: '' })
    const one = await call(app, 'GET', `${members}?address=${encodeURIComponent('ann@x.test')}`)
    expect(await one.json()).toEqual([
      {
        channel: 'email',
        address: 'ann@x.test',
        consent: false,
        reason: 'bounced',
        lastUpdated: expect.stringMatching(/Z$/),
      },
    ])
    const page = await call(app, 'GET', `${members}?format=JSON&pageSize=2`)
    expect((await page.json()).map((m: { address: string }) => m.address)).toEqual(['ann@x.test', 'b@x.test'])
    const token = page.headers.get('x-cp-continue-token')
    expect(token).toBeTruthy()
    const last = await call(app, 'GET', `${members}?format=JSON&pageSize=2&continuationToken=${token}`)
    expect((await last.json()).map((m: { address: string }) => m.address)).toEqual(['c@x.test'])
    expect(last.headers.get('x-cp-continue-token')).toBeNull()
    // The send APIs check what the Consent API recorded.
    const response = await post(
      '/v2/messages',
      emailTo('ann@x.test', { contactPolicy: { contactPolicyGroup: 'marketing', channelCheckConsent: true } }),
    )
    await emulator.runUntilIdle()
    expect(emulator.message((await response.json()).messageId)!.recipients[0]!.receipts[0]!.code).toBe('9002')
  })

  it('forgets a member with DELETE ?address= (200, then 404), and refuses a call without a Bearer key with 401', async () => {
    const { app } = contractApp()
    await call(app, 'POST', '/v1/groups/g/members', { channel: 'email', address: 'a@x.test', consent: false })
    expect((await call(app, 'DELETE', '/v1/groups/g/members?address=a%40x.test')).status).toBe(200)
    expect((await call(app, 'DELETE', '/v1/groups/g/members?address=a%40x.test')).status).toBe(404)
    const anonymous = await app.request('/v1/groups/g/members')
    expect(anonymous.status).toBe(401)
    expect(await anonymous.text()).toBe('')
    const bad = await call(app, 'POST', '/v1/groups/g/members', { channel: 'fax', address: 'a@x.test', consent: true })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: '7004', message: 'Invalid parameter - channel' })
  })

  it('finds and forgets a number however it is written: by its digits, as the send APIs match it', async () => {
    const { app } = contractApp()
    await call(app, 'POST', '/v1/groups/g/members', { channel: 'text', address: '447700900123', consent: false })
    const found = await call(app, 'GET', `/v1/groups/g/members?address=${encodeURIComponent('+44 7700 900123')}`)
    expect((await found.json()).map((m: { address: string }) => m.address)).toEqual(['447700900123'])
    expect((await call(app, 'DELETE', '/v1/groups/g/members?address=%2B447700900123')).status).toBe(200)
  })

  it('refuses a blank address by name (it was kept as "" and listed as a member)', async () => {
    const { app, emulator } = contractApp()
    const bad = await call(app, 'POST', '/v1/groups/g/members', { channel: 'text', address: ' ', consent: false })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: '7004', message: 'Invalid parameter - address' })
    expect(emulator.contactPolicy.groups()).toEqual([])
  })

  it("refuses a group id with spaces around it in its own words, 7004 naming groupId (it answered the control API's body)", async () => {
    const { app, emulator } = contractApp()
    const bad = await call(app, 'POST', '/v1/groups/%20g/members', { channel: 'text', address: '1', consent: false })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: '7004', message: 'Invalid parameter - groupId' })
    expect(bad.headers.get('x-emulator-detail')).toMatch(/begin or end with spaces/)
    expect(emulator.contactPolicy.groups()).toEqual([])
  })

  it('refuses a group put through the control API with one member twice (the last one won in silence)', async () => {
    const { app, emulator } = contractApp()
    const response = await app.request('/_emulator/contact-policy/groups/g', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'allow',
        members: [
          { channel: 'email', address: 'Ann@x.test', consent: true },
          { channel: 'email', address: 'ann@x.test', consent: false },
        ],
      }),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).message).toMatch(/email ann@x\.test is already a member at members\[0\]/)
    expect(emulator.contactPolicy.groups()).toEqual([])
  })

  it('refuses a blank group id with 7004 naming groupId on GET and DELETE too (they answered [] and 404)', async () => {
    const { app } = contractApp()
    for (const [method, query] of [
      ['GET', ''],
      ['GET', '?address=a%40x.test'],
      ['DELETE', '?address=a%40x.test'],
    ] as const) {
      const response = await call(app, method, `/v1/groups/%20/members${query}`)
      expect([method, response.status, await response.json()]).toEqual([
        method,
        400,
        { code: '7004', message: 'Invalid parameter - groupId' },
      ])
    }
  })

  it('answers a DELETE without ?address= with 400 7003, a blank one with 7004 as GET does (it was an empty 404, as if already forgotten)', async () => {
    const { app } = contractApp()
    await call(app, 'POST', '/v1/groups/g/members', { channel: 'text', address: '1', consent: false })
    for (const [query, answer] of [
      ['', { code: '7003', message: 'Mandatory parameter missing - address' }],
      ['?address=', { code: '7004', message: 'Invalid parameter - address' }],
      ['?address=%20', { code: '7004', message: 'Invalid parameter - address' }],
    ] as const) {
      const response = await call(app, 'DELETE', `/v1/groups/g/members${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.json(), query).toEqual(answer)
      const get = await call(app, 'GET', `/v1/groups/g/members${query}`)
      if (query) expect(await get.json(), `GET ${query}`).toEqual(answer)
    }
  })

  it.each([
    ['pageSize=abc', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=', 'pageSize'],
    ['continuationToken=-2', 'continuationToken'],
    ['continuationToken=1.5&pageSize=2', 'continuationToken'],
  ])('refuses ?%s naming %s (it was read as a default, or paged from the end)', async (query, name) => {
    const { app } = contractApp()
    const response = await call(app, 'GET', `/v1/groups/g/members?${query}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ code: '7004', message: `Invalid parameter - ${name}` })
  })

  it('answers 404 9005 for a group the emulator was not told about with unknownGroups "reject" (POST made it, as a deny list)', async () => {
    const { app, emulator } = contractApp({ contactPolicy: { unknownGroups: 'reject', groups: [{ id: 'known' }] } })
    const member = { channel: 'email', address: 'a@x.test', consent: false }
    for (const [method, query, body] of [
      ['POST', '', member],
      ['GET', '', undefined],
      ['GET', '?address=a%40x.test', undefined],
      ['DELETE', '?address=a%40x.test', undefined],
    ] as const) {
      const response = await call(app, method, `/v1/groups/ghost/members${query}`, body)
      expect([method, response.status, await response.json()]).toEqual([
        method,
        404,
        { code: '9005', message: 'Invalid or unknown group ID or channel' },
      ])
      expect(response.headers.get('x-emulator-detail')).toMatch(/no consent group "ghost"/)
    }
    // The control API records members only in a known group too, and the known group takes them.
    const control = await app.request('/_emulator/contact-policy/groups/ghost/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(member),
    })
    expect(control.status).toBe(404)
    expect((await control.json()).message).toMatch(
      /^No consent group "ghost".*PUT \/_emulator\/contact-policy\/groups\/ghost/,
    )
    expect(emulator.contactPolicy.groups().map((g) => g.id)).toEqual(['known'])
    expect((await call(app, 'POST', '/v1/groups/known/members', member)).status).toBe(204)
    expect((await call(app, 'DELETE', '/v1/groups/known/members?address=b%40x.test')).status).toBe(404)
  })

  it('reads a field sent null as one not sent, as the send APIs do ("reason": null was refused with 7004)', async () => {
    const { app, emulator } = contractApp()
    const post = (body: unknown) => call(app, 'POST', '/v1/groups/g/members', body)
    expect(
      (await post({ channel: 'email', address: 'a@x.test', consent: false, reason: null, expires: null })).status,
    ).toBe(204)
    expect(emulator.contactPolicy.groups()[0]!.members[0]).toMatchObject({ reason: '', expiresAt: undefined })
    for (const [body, name] of [
      [{ channel: null, address: 'a@x.test', consent: false }, 'channel'],
      [{ channel: 'email', address: 'a@x.test', consent: null }, 'consent'],
    ] as const) {
      const response = await post(body)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ code: '7003', message: `Mandatory parameter missing - ${name}` })
    }
  })

  it('refuses an address past 320 characters, the longest a send takes (5 MB ones were kept), an MO sender too', async () => {
    const { app, emulator } = contractApp({ sms: { keywords: [{ keyword: 'STOP', group: 'g' }] } })
    const email = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(length - 65)}`
    expect(
      (await call(app, 'POST', '/v1/groups/g/members', { channel: 'email', address: email(320), consent: false }))
        .status,
    ).toBe(204)
    const long = await call(app, 'POST', '/v1/groups/g/members', {
      channel: 'email',
      address: email(321),
      consent: false,
    })
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual({ code: '7004', message: 'Invalid parameter - address' })
    expect(long.headers.get('x-emulator-detail')).toMatch(/at most 320 characters/)
    // An incoming STOP from such a sender is refused by name, not a 500 (a ZodError escaped).
    const mo = await app.request('/_emulator/inbound/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '1'.repeat(321), to: '88979', text: 'STOP' }),
    })
    expect(mo.status).toBe(400)
    expect(await mo.json()).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/address.*at most 320/),
    })
    expect(emulator.contactPolicy.groups()[0]!.members).toHaveLength(1)
  })

  it('refuses a blank ?address= naming it (it listed the whole group, whose first record a lookup took for the member)', async () => {
    const { app } = contractApp()
    await call(app, 'POST', '/v1/groups/g/members', { channel: 'email', address: 'ann@x.test', consent: false })
    for (const query of ['address=', 'address=%20%20', 'address=%09&pageSize=5']) {
      const response = await call(app, 'GET', `/v1/groups/g/members?${query}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ code: '7004', message: 'Invalid parameter - address' })
      expect(response.headers.get('x-emulator-detail')).toMatch(/blank address names nobody/)
    }
    const found = await call(app, 'GET', '/v1/groups/g/members?address=ann%40x.test')
    expect((await found.json()).map((m: { address: string }) => m.address)).toEqual(['ann@x.test'])
  })

  it.each([
    ['pageSize=1001', /from 1 to 1000/],
    ['pageSize=5000', /from 1 to 1000/],
    ['pageSize=1e3', /decimal digits/],
    ['pageSize=0x10', /decimal digits/],
    ['pageSize=5.0', /decimal digits/],
    ['pageSize=%205', /decimal digits/],
    ['continuationToken=1e1', /decimal digits/],
  ])('refuses ?%s naming it (cut to 1000, or read as a number JavaScript writes)', async (query, detail) => {
    const { app } = contractApp()
    const response = await call(app, 'GET', `/v1/groups/g/members?${query}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ code: '7004', message: `Invalid parameter - ${query.split('=')[0]}` })
    expect(response.headers.get('x-emulator-detail')).toMatch(detail)
  })

  it('pages by 1000, the largest page size, as a production client asks (a full page means there may be more)', async () => {
    const { app, emulator } = contractApp()
    emulator.contactPolicy.putGroup({
      id: 'g',
      members: Array.from({ length: 1001 }, (_, i) => ({
        channel: 'email' as const,
        address: `m${i}@x.test`,
        consent: false,
      })),
    })
    const first = await call(app, 'GET', '/v1/groups/g/members?format=JSON&pageSize=1000')
    expect(first.status).toBe(200)
    expect(await first.json()).toHaveLength(1000)
    const token = first.headers.get('x-cp-continue-token')
    const second = await call(
      app,
      'GET',
      `/v1/groups/g/members?format=JSON&pageSize=%2B1000&continuationToken=${token}`,
    )
    expect((await second.json()).map((m: { address: string }) => m.address)).toEqual(['m1000@x.test'])
  })

  it('names a misspelt key, and answers a body that is not an object as 7000 Invalid JSON (they named nothing)', async () => {
    const { app } = contractApp()
    const send = async (body: string) => {
      const response = await app.request('/v1/groups/g/members', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body,
      })
      return [response.status, await response.json(), response.headers.get('x-emulator-detail')]
    }
    expect(await send(JSON.stringify({ channel: 'email', address: 'a@x.test', consent: true, zzz: 1 }))).toEqual([
      400,
      { code: '7004', message: 'Invalid parameter - zzz' },
      'Unrecognized key: "zzz"',
    ])
    for (const body of ['[]', 'null', '5'])
      expect(await send(body)).toEqual([
        400,
        { code: '7000', message: 'Invalid JSON' },
        expect.stringMatching(/^the body must be a JSON object: /),
      ])
  })
})

describe('contact policy: consent that expires, and caps per channel', () => {
  it('refuses an expiry as a date-time outside the years 0001–9999, as it does in epoch ms', () => {
    for (const expires of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', -62_200_000_000_000])
      expect(() =>
        parseConfig({
          contactPolicy: {
            groups: [{ id: 'g', members: [{ channel: 'email', address: 'a@x.test', consent: true, expires }] }],
          },
        }),
      ).toThrow(/expires/)
    expect(
      parseConfig({
        contactPolicy: {
          groups: [
            {
              id: 'g',
              members: [{ channel: 'email', address: 'a@x.test', consent: true, expires: '9999-01-01T00:00:00Z' }],
            },
          ],
        },
      }).contactPolicy.groups[0]!.members[0]!.expires,
    ).toBe('9999-01-01T00:00:00Z')
  })

  it('takes a consent until it expires, then fails the recipient with 9010', async () => {
    const start = createTestEmulator({}).emulator.now()
    const { emulator } = createTestEmulator({
      contactPolicy: {
        groups: [
          {
            id: group,
            type: 'allow',
            members: [{ channel: 'email', address: 'ann@x.test', consent: true, expires: start + 3_600_000 }],
          },
        ],
      },
    })
    const first = emulator.send(emailTo('ann@x.test', { contactPolicy: consentOnly }))
    expect((await outcome(emulator, first.messageId))[0]!.at(-1)).toEqual(['Delivered', '7500', 'Delivered'])
    await emulator.advance(3_600_000)
    const later = emulator.send(emailTo('ann@x.test', { contactPolicy: consentOnly }))
    expect((await outcome(emulator, later.messageId))[0]![0]![1]).toBe('9010')
  })

  it('takes a consent up to the millisecond before it expires, and fails it from that millisecond on', async () => {
    const { emulator } = createTestEmulator({})
    const expires = emulator.now() + 60_000
    emulator.contactPolicy.putGroup({
      id: group,
      type: 'allow',
      members: [{ channel: 'email', address: 'ann@x.test', consent: true, expires }],
    })
    await emulator.advance(expires - 1 - emulator.now())
    const before = emulator.send(emailTo('ann@x.test', { contactPolicy: consentOnly }))
    await emulator.advance(1)
    expect(emulator.now()).toBe(expires)
    const at = emulator.send(emailTo('ann@x.test', { contactPolicy: consentOnly }))
    expect((await outcome(emulator, before.messageId))[0]!.at(-1)![1]).toBe('7500')
    expect((await outcome(emulator, at.messageId))[0]![0]![1]).toBe('9010')
  })

  it('counts a send towards a cap for exactly the window: a day later to the millisecond it no longer counts', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: { groups: [{ id: group, frequency: { scope: 'all', daily: 1 } }] },
    })
    const send = () => emulator.send(emailTo('ann@x.test', { contactPolicy: checks }))
    const first = send()
    await emulator.advance(86_400_000 - 1)
    const withinTheDay = send()
    await emulator.advance(1)
    const aDayLater = send()
    expect((await outcome(emulator, first.messageId))[0]!.at(-1)![1]).toBe('7500')
    expect((await outcome(emulator, withinTheDay.messageId))[0]!.at(-1)![1]).toBe('9006')
    expect((await outcome(emulator, aDayLater.messageId))[0]!.at(-1)![1]).toBe('7500')
  })

  it('makes room for a group put again in place of itself, counting its old members out', () => {
    const { emulator } = createTestEmulator({ limits: { maxConsentMembers: 2 } })
    const members = [
      { channel: 'email' as const, address: 'a@x.test', consent: true },
      { channel: 'email' as const, address: 'b@x.test', consent: true },
    ]
    emulator.contactPolicy.putGroup({ id: group, members })
    expect(emulator.contactPolicy.putGroup({ id: group, members: members.slice().reverse() }).members).toHaveLength(2)
  })

  it('counts a per-channel cap on its own channel only', async () => {
    const { emulator } = createTestEmulator({
      contactPolicy: {
        groups: [{ id: group, frequency: { scope: 'per-channel', channels: { email: { daily: 1 } } } }],
      },
    })
    const send = () => emulator.send(emailTo('ann@x.test', { contactPolicy: checks }))
    const text = () =>
      emulator.send({
        channel: 'sms',
        from: '56263',
        to: [{ msisdn: ['+447700900123'] }],
        content: { type: 'text', text: 'Sale!' },
        contactPolicy: checks,
      })
    const [a, b, c, d] = [send(), send(), text(), text()]
    expect((await outcome(emulator, a.messageId))[0]!.at(-1)![1]).toBe('7500')
    expect((await outcome(emulator, b.messageId))[0]!.at(-1)![1]).toBe('9006')
    // The group caps email alone: a channel without a cap of its own in it is not capped.
    expect((await outcome(emulator, c.messageId))[0]!.at(-1)![0]).toBe('Delivered')
    expect((await outcome(emulator, d.messageId))[0]!.at(-1)![0]).toBe('Delivered')
  })
})

describe('frequency-cap counts over a long run', () => {
  const day = 86_400_000
  const policy = () => {
    const contactPolicy = new ContactPolicy(parseConfig({}).contactPolicy, { maxGroups: 10, maxMembers: 10 })
    contactPolicy.putGroup({ id: 'capped', frequency: { scope: 'all', daily: 3, weekly: 5 } }, 0)
    contactPolicy.putGroup({ id: 'uncapped', frequency: { scope: 'all' } }, 0)
    return contactPolicy
  }
  const uncappedRequest = (group: string) => ({ contactPolicyGroup: group, channelCheckConsent: true })
  const cappedRequest = { contactPolicyGroup: 'capped', channelApplyFrequencyCap: true }

  it('remembers at most 5,000 sends per recipient (the largest a cap can be), however many were sent', () => {
    const contactPolicy = policy()
    for (let n = 0; n < 6_000; n++) {
      expect(contactPolicy.check(uncappedRequest('capped'), 'email', 'ann@x.test', n)).toBeUndefined()
      expect(contactPolicy.check(uncappedRequest('uncapped'), 'email', 'ann@x.test', n)).toBeUndefined()
    }
    expect(contactPolicy.counted('capped', 'email', 'ann@x.test')).toBe(5_000)
    expect(contactPolicy.counted('uncapped', 'email', 'ann@x.test')).toBe(5_000)
  })

  it('counts every send for caps added or raised later', () => {
    const contactPolicy = policy()
    const applied = { contactPolicyGroup: 'g', channelApplyFrequencyCap: true }
    contactPolicy.putGroup({ id: 'g', frequency: { scope: 'all', daily: 2 } }, 0)
    // Two a day for three days, then a weekly cap of 5: the week already holds 6.
    for (let d = 0; d < 3; d++)
      for (let n = 0; n < 2; n++)
        expect(contactPolicy.check(applied, 'email', 'ann@x.test', d * day + n)).toBeUndefined()
    contactPolicy.putGroup({ id: 'g', frequency: { scope: 'all', daily: 2, weekly: 5 } }, 3 * day)
    expect(contactPolicy.check(applied, 'email', 'ann@x.test', 3 * day)?.code).toBe('9006')
    // Five sent today with the cap not applied; the daily cap raised to 4 still sees them.
    const other = 'bob@x.test'
    for (let n = 0; n < 5; n++) contactPolicy.check(uncappedRequest('g'), 'email', other, 3 * day + n)
    contactPolicy.putGroup({ id: 'g', frequency: { scope: 'all', daily: 4 } }, 3 * day + 10)
    expect(contactPolicy.check(applied, 'email', other, 3 * day + 10)?.code).toBe('9006')
    // And a group that had no caps at all, given one.
    for (let n = 0; n < 3; n++) contactPolicy.check(uncappedRequest('uncapped'), 'email', other, 3 * day + n)
    contactPolicy.putGroup({ id: 'uncapped', frequency: { scope: 'all', daily: 3 } }, 3 * day + 10)
    expect(
      contactPolicy.check({ ...applied, contactPolicyGroup: 'uncapped' }, 'email', other, 3 * day + 10)?.code,
    ).toBe('9006')
  })

  it('still caps exactly: the newest sends decide each window', () => {
    const contactPolicy = policy()
    for (let n = 0; n < 2_000; n++) contactPolicy.check(uncappedRequest('capped'), 'email', 'ann@x.test', n)
    // Within the day: 3 or more sends today → capped.
    expect(contactPolicy.check(cappedRequest, 'email', 'ann@x.test', day / 2)?.code).toBe('9006')
    // Two days on: the daily window is clear, the weekly one still holds 5.
    expect(contactPolicy.check(cappedRequest, 'email', 'ann@x.test', 2 * day)?.code).toBe('9006')
    // Eight days on: both clear; sends are counted again from there.
    for (let n = 0; n < 3; n++)
      expect(contactPolicy.check(cappedRequest, 'email', 'ann@x.test', 8 * day + n)).toBeUndefined()
    expect(contactPolicy.check(cappedRequest, 'email', 'ann@x.test', 8 * day + 3)?.code).toBe('9006')
  })
})
