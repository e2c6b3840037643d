import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/**
 * The Messaging API v1 (`POST /resources/v1/messaging`) as its pages document it (D-MSGV1,
 * D-MSGV1SMS, D-WATEXT) and as the public SMS clients copied from one assignment call it.
 */
const smsPage = load('vendor-docs/docs-send-message-api-v1-results.json').artefact as Array<{
  code: string
  status: number
}>
const samples = smsPage.map((r) => JSON.parse(r.code))
const [queuedSample, authSample, jsonSample] = samples
const assignment = load('public-clients/v1-sms-assignment-request.json').artefact.request

/** D-MSGV1SMS's request (notes §2.3), its placeholders filled and its // comments gone. */
const documented = {
  deliverychannel: 'sms',
  destination: [{ msisdn: ['+447700900001'] }],
  channels: { sms: { senderid: 'CONNCT', text: 'Sending first SMS using Webex Connect' } },
  options: {
    trackClicks: 'true',
    shortenLinks: 'true',
    domain: 'https://s.imiconnect.co',
    tag1: 'tag1',
    tag2: 'tag2',
    allowFallbackURL: 'false',
  },
  correlationid: '',
  callbackData: '',
  notifyurl: '',
  notifyurlAuthId: 'TNPXXXT09U',
}

const keysOf = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(keysOf)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keysOf(v)]))
      : typeof value

describe('Messaging API v1: the envelope', () => {
  it('queues the documented SMS request: HTTP 200 and the documented body, key for key', async () => {
    const { post, emulator } = contractApp()
    const response = await post('/resources/v1/messaging', documented)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(keysOf(body)).toEqual(keysOf(queuedSample))
    expect(body.response[0]).toMatchObject({ code: '1001', description: 'Queued' })
    expect(emulator.message(body.response[0].transid)).toMatchObject({
      channel: 'sms',
      api: 'messaging-v1',
      from: 'CONNCT',
      recipients: [{ address: '+447700900001' }],
    })
  })

  it('refuses as documented, HTTP 200 with `response` an object: 7001 "Authentication failed.", 7000 "Invalid JSON"', async () => {
    const { post } = contractApp({ serviceKeys: ['right'] })
    const refused = await post('/resources/v1/messaging', documented, { key: 'wrong' })
    expect(refused.status).toBe(smsPage[1]!.status)
    const body = await refused.json()
    expect(keysOf(body)).toEqual(keysOf(authSample))
    expect(body.response).toMatchObject({ code: '7001', description: authSample.response.description })
    const broken = await post('/resources/v1/messaging', '{"deliverychannel": "sms",', { key: 'right' })
    expect(broken.status).toBe(smsPage[2]!.status)
    expect((await broken.json()).response).toMatchObject({ code: '7000', description: jsonSample.response.description })
  })

  it('answers 7002 "Service Key Missing" to a request without a key, as one public client sends it', async () => {
    const { post } = contractApp()
    const body = await (await post('/resources/v1/messaging', documented, {})).json()
    expect(body.response).toMatchObject({ code: '7002', description: 'Service Key Missing' })
  })

  it('answers errors with HTTP 400 instead when messagingV1.errorStatus is 400 (as the WhatsApp page lists 7001)', async () => {
    const { post } = contractApp({ serviceKeys: ['right'], messagingV1: { errorStatus: 400 } })
    const refused = await post('/resources/v1/messaging', documented, { key: 'wrong' })
    expect(refused.status).toBe(400)
    expect((await refused.json()).response.code).toBe('7001')
    expect((await post('/resources/v1/messaging', documented, { key: 'right' })).status).toBe(200)
  })

  it.each([
    ['no deliverychannel', { ...documented, deliverychannel: undefined }, '7003', "param 'deliverychannel' missing"],
    [
      'no destination',
      { ...documented, destination: undefined },
      '7003',
      'any one of [customerid,msisdn,email, userid,pushid,psid, etc.] is mandatory',
    ],
    [
      'no msisdn',
      { ...documented, destination: [{}] },
      '7003',
      'any one of [customerid,msisdn,email, userid,pushid,psid, etc.] is mandatory',
    ],
    [
      'a correlationId that is not text',
      { ...documented, destination: [{ msisdn: ['+447700900001'], correlationId: { a: 1 } }] },
      '7004',
      "invalid value of param 'correlationId'",
    ],
    ['no channels.sms', { ...documented, channels: {} }, '7003', "param 'sms' missing for channel sms"],
    [
      'no text',
      { ...documented, channels: { sms: { senderid: 'CONNCT' } } },
      '7003',
      "param 'text' missing for channel sms",
    ],
    [
      'a blank text',
      { ...documented, channels: { sms: { senderid: 'CONNCT', text: '   ' } } },
      '7004',
      "invalid value of param 'text'",
    ],
    [
      'an empty text',
      { ...documented, channels: { sms: { senderid: 'CONNCT', text: '' } } },
      '7004',
      "invalid value of param 'text'",
    ],
    [
      'type 9',
      { ...documented, channels: { sms: { text: 'hi', type: '9' } } },
      '7004',
      "invalid value of param 'type' , only [1,2,3,4] are allowed",
    ],
    ['deliverychannel "fax"', { ...documented, deliverychannel: 'fax' }, '7106', 'Channel not configured'],
  ])('refuses %s in the vendor words (H-APICODES)', async (_, request, code, description) => {
    const { post } = contractApp()
    const body = await (await post('/resources/v1/messaging', request)).json()
    expect(body.response).toMatchObject({ code, description })
    expect(Object.keys(body.response)).toEqual(['code', 'description', 'transid'])
  })
})

describe('Messaging API v1: SMS', () => {
  it("takes the assignment clients' request as written — a one-element array, no senderid, correlationId — and plays the SMS lifecycle", async () => {
    const { post, emulator, posted } = contractApp({ webhooks: { targets: [{ url: 'https://app.test/hooks' }] } })
    const response = await post('/resources/v1/messaging', assignment)
    expect(response.status).toBe(200)
    const [queued] = (await response.json()).response
    expect(queued).toMatchObject({ code: '1001', description: 'Queued', correlationid: 'some_unique_id' })
    expect(emulator.message(queued.transid)).toMatchObject({ from: 'CONNCT', api: 'messaging-v1' })
    await emulator.runUntilIdle()
    const receipts = posted.map((p) => p.payload.deliveryInfoNotification)
    expect(receipts.map((r) => r.deliveryInfo.deliveryStatus)).toEqual(['Submitted', 'Delivered'])
    expect(receipts[1]).toMatchObject({ transid: queued.transid, correlationid: 'some_unique_id' })
    expect(receipts[1].deliveryInfo).toMatchObject({ deliveryChannel: 'SMS', destination: '+919940630272' })
  })

  it('takes deliverychannel in any case, a trailing slash and an integer correlationId (public clients send all three)', async () => {
    const { post } = contractApp()
    const request = {
      ...assignment[0],
      deliverychannel: 'SMS',
      destination: [{ msisdn: ['+447700900001'], correlationId: 1 }],
    }
    const body = await (await post('/resources/v1/messaging/', request)).json()
    expect(body.response[0]).toMatchObject({ code: '1001', correlationid: '1' })
    const top = await (await post('/resources/v1/messaging', { ...request, correlationId: 7 })).json()
    expect(top.response[0].correlationid).toBe('7')
  })

  it('sends from sms.messagingV1.defaultSender, or refuses a missing senderid with missingSender "refuse"', async () => {
    const tolerant = contractApp({ sms: { messagingV1: { defaultSender: 'BRAND' } } })
    const { response } = await (await tolerant.post('/resources/v1/messaging', assignment)).json()
    expect(tolerant.emulator.message(response[0].transid)).toMatchObject({ from: 'BRAND' })
    const strict = contractApp({ sms: { messagingV1: { missingSender: 'refuse' } } })
    const refused = await (await strict.post('/resources/v1/messaging', assignment)).json()
    expect(refused.response).toMatchObject({ code: '7003', description: "param 'senderid' missing for channel sms" })
  })

  it('fails a text over 1024 characters with 7107 "Message length exceeded" (D-MSGV1SMS: "A maximum of 1024 characters")', async () => {
    const { post, emulator } = contractApp()
    const ok = await (
      await post('/resources/v1/messaging', { ...documented, channels: { sms: { text: 'x'.repeat(1024) } } })
    ).json()
    const long = await (
      await post('/resources/v1/messaging', { ...documented, channels: { sms: { text: 'x'.repeat(1025) } } })
    ).json()
    await emulator.runUntilIdle()
    const last = (id: string) => emulator.message(id)!.recipients[0]!.receipts.at(-1)
    expect(last(ok.response[0].transid)).toMatchObject({ status: 'Delivered' })
    expect(last(long.response[0].transid)).toMatchObject({ status: 'Failed', code: '7107' })
  })

  it('plays each channels.sms.type — 1 and 2 text, 3 binary from body, 4 unicode — and names the part a type lacks', async () => {
    const { post, emulator } = contractApp()
    // Without callbackData too: the message keeps "" for it.
    const { callbackData: _, ...request } = documented
    const send = async (sms: Record<string, unknown>) =>
      (await (await post('/resources/v1/messaging', { ...request, channels: { sms } })).json()).response
    const kept = async (sms: Record<string, unknown>) => {
      const [queued] = await send(sms)
      const { contentType, text, callbackData } = emulator.message(queued.transid) as unknown as Record<string, unknown>
      return { contentType, text, callbackData }
    }
    expect(await kept({ text: 'Hi' })).toEqual({ contentType: 'text', text: 'Hi', callbackData: '' })
    expect(await kept({ type: 2, text: 'Hi' })).toMatchObject({ contentType: 'text', text: 'Hi' })
    expect(await kept({ type: '3', body: '48656c6c6f', text: 'ignored' })).toMatchObject({
      contentType: 'binary',
      text: '48656c6c6f',
    })
    expect(await kept({ type: '4', text: 'Привет' })).toMatchObject({ contentType: 'unicode', text: 'Привет' })
    expect(await send({ senderid: 'CONNCT' })).toMatchObject({
      code: '7003',
      description: "param 'text' missing for channel sms",
    })
    expect(await send({ type: '3', text: 'not the body' })).toMatchObject({
      code: '7003',
      description: "param 'body' missing for channel sms",
    })
  })

  it('reads an empty senderid as none: the first of sms.senders sends it', async () => {
    const { post, emulator } = contractApp({ sms: { senders: ['ACME', 'OTHER'] } })
    const [queued] = (
      await (
        await post('/resources/v1/messaging', { ...documented, channels: { sms: { senderid: '', text: 'Hi' } } })
      ).json()
    ).response
    expect(emulator.message(queued.transid)).toMatchObject({ from: 'ACME' })
  })
})
