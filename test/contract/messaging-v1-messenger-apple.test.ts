import { describe, expect, it } from 'vitest'
import { shapeOf } from '../support/seed-fixtures.js'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/** Messenger (D-FB, D-FBWH) and Apple Messages for Business (D-AMB, D-AMBWH) on the Messaging API v1. */
const fb = load('vendor-docs/messenger-samples.json') as any
const amb = load('vendor-docs/apple-samples.json') as any
const fbSamples = fb.samples
const ambSamples = amb.samples

const fill = (value: unknown, values: Record<string, string>): any =>
  JSON.parse(JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? name))

const fbRequest = fill(fbSamples['Text request'], { fbmAppid: 'a_638604000000099980000', psid: '1368028456544331' })
const ambText = fill(ambSamples['Text request'], {
  ambAppid: 'a_637818908588360000',
  ambUserId: 'urn:mbid:AQAAY45PVG4jg',
})
const target = {
  webhooks: {
    targets: [
      { url: 'https://app.test/hooks', events: ['submitted', 'delivered', 'read', 'failed', 'inbound'] as any },
    ],
  },
}

/** The user writes in first: Meta lets a page answer within 24 hours of it (the standard messaging window). */
const userWrote = (
  emulator: { inject(channel: string, kind: string, input: unknown): unknown },
  psid = '1368028456544331',
) => emulator.inject('fb', 'messenger', { psid, text: 'hi', appId: 'a_638604000000099980000' })

/** Receipts the service-level target got (a request's notifyurl gets its own copies). */
const receipts = (posted: Array<{ url: string; payload: any }>) =>
  posted.filter((p) => p.url === 'https://app.test/hooks' && p.payload.deliveryInfoNotification).map((p) => p.payload)

describe('Messenger on the Messaging API v1 (deliverychannel "fb")', () => {
  it('queues the documented text request; Submitted → Delivered → Read with deliveryChannel fb and destinationType psid', async () => {
    const { post, emulator, posted } = contractApp(target)
    userWrote(emulator)
    const body = await (
      await post('/resources/v1/messaging', { ...fbRequest, notifyurl: '', notifyurlAuthId: '' })
    ).json()
    expect(body.response[0]).toMatchObject({ code: '1001', description: 'Queued' })
    await emulator.runUntilIdle()
    const infos = receipts(posted).map((r) => r.deliveryInfoNotification.deliveryInfo)
    expect(infos.map((i) => i.deliveryStatus)).toEqual(['Submitted', 'Delivered', 'Read'])
    expect(infos[0]).toMatchObject({
      deliveryChannel: 'fb',
      destinationType: 'psid',
      destination: '1368028456544331',
      code: '7501',
    })
  })

  it('as-documented: Submitted is key for key the sample, "Submited" as the vendor spells it; Failed key for key', async () => {
    const { post, emulator, posted } = contractApp({
      ...target,
      receipts: { style: 'as-documented' },
      rules: [{ glob: '99*', outcome: 'fail-7010', channel: 'fb' }],
    })
    userWrote(emulator)
    userWrote(emulator, '99001')
    await post('/resources/v1/messaging', fbRequest)
    await post('/resources/v1/messaging', { ...fbRequest, destination: [{ psid: ['99001'] }] })
    await emulator.runUntilIdle()
    const all = receipts(posted)
    const submitted = all.find((r) => r.deliveryInfoNotification.deliveryInfo.code === '7501')
    const failed = all.find((r) => r.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Failed')
    expect(shapeOf(submitted)).toEqual(shapeOf(fbSamples.Submitted))
    expect(submitted.deliveryInfoNotification.deliveryInfo.deliveryStatus).toBe('Submited')
    expect(shapeOf(failed)).toEqual(shapeOf(fbSamples.Failed))
    expect(failed.deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: '7010',
      Description: 'Service provider exception.',
    })
  })

  it('fails a message to a user who has not written in the last 24 hours: one Failed 7313, key for key as the Failed sample', async () => {
    const { post, emulator, posted } = contractApp(target)
    const body = await (await post('/resources/v1/messaging', fbRequest)).json()
    expect(body.response[0]).toMatchObject({ code: '1001', description: 'Queued' })
    await emulator.runUntilIdle()
    const all = receipts(posted)
    expect(all).toHaveLength(1)
    expect(shapeOf(all[0])).toEqual(shapeOf(fbSamples.Failed))
    expect(all[0].deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: '7313',
      Description: 'Inbound message not received from the user',
      deliveryStatus: 'Failed',
    })
  })

  it('refuses in the vendor words: "param \'OTT-Messaging\' missing for channel fb", "param \'fb\' missing …", "param \'text\' missing …"', async () => {
    const { post } = contractApp()
    const answer = async (channels: unknown) =>
      (await (await post('/resources/v1/messaging', { ...fbRequest, channels })).json()).response
    expect(await answer({})).toMatchObject({
      code: '7003',
      description: "param 'OTT-Messaging' missing for channel fb",
    })
    expect(await answer({ 'OTT-Messaging': {} })).toMatchObject({ description: "param 'fb' missing for channel fb" })
    expect(await answer({ 'OTT-Messaging': { fb: {} } })).toMatchObject({
      description: "param 'text' missing for channel fb",
    })
  })

  it('posts an incoming message key for key as the sample', async () => {
    const { emulator, posted } = contractApp(target)
    emulator.inject('fb', 'messenger', { psid: '91638000036967736', text: 'hi', name: 'John' })
    await emulator.runUntilIdle()
    const mo = posted.find((p) => p.payload.event === 'MO')!.payload
    expect(shapeOf(mo)).toEqual(shapeOf(fbSamples['Incoming Message']))
    expect(mo).toMatchObject({
      channel: 'Facebook Messenger',
      psid: '91638000036967736',
      message: 'hi',
      tid: expect.stringMatching(/_0$/),
    })
  })
})

describe('Apple Messages for Business on the Messaging API v1 (deliverychannel "AppleBusinessChat")', () => {
  it('sends only Submitted, key for key as the sample; an invitation goes to a msisdn', async () => {
    const { post, emulator, posted } = contractApp(target)
    const text = await (
      await post('/resources/v1/messaging', {
        ...ambText,
        channels: { AppleBusinessChat: { type: 'text', text: 'Hello' } },
      })
    ).json()
    const invitation = await (await post('/resources/v1/messaging', ambSamples['Invitation request'])).json()
    expect([text.response[0].code, invitation.response[0].code]).toEqual(['1001', '1001'])
    await emulator.runUntilIdle()
    const all = receipts(posted)
    expect(all.map((r) => r.deliveryInfoNotification.deliveryInfo.deliveryStatus)).toEqual(['Submitted', 'Submitted'])
    expect(shapeOf(all[0])).toEqual(shapeOf(ambSamples.Submitted))
    expect(all[0].deliveryInfoNotification.deliveryInfo).toMatchObject({
      deliveryChannel: 'applebusinesschat',
      destinationType: 'applebusinesschat',
      destination: 'urn:mbid:AQAAY45PVG4jg',
    })
    expect(all[1].deliveryInfoNotification).toMatchObject({
      correlationid: 'corr-12345',
      callbackData: 'customer-context',
      deliveryInfo: { destinationType: 'msisdn', destination: '+4477362XXXX' },
    })
  })

  it('fails by rule with one Failed receipt, never Delivered or Read', async () => {
    const { post, emulator, posted } = contractApp({
      ...target,
      rules: [{ glob: 'urn:*', outcome: 'fail-7316', channel: 'AppleBusinessChat' }],
    })
    await post('/resources/v1/messaging', { ...ambText, channels: { AppleBusinessChat: { type: 'text', text: 'Hi' } } })
    await emulator.runUntilIdle()
    expect(receipts(posted).map((r) => r.deliveryInfoNotification.deliveryInfo.code)).toEqual(['7316'])
  })

  it('refuses an empty text and an invitation without a msisdn in the v1 envelope', async () => {
    const { post } = contractApp()
    const empty = await (await post('/resources/v1/messaging', ambText)).json()
    expect(empty.response).toMatchObject({
      code: '7003',
      description: "param 'text' missing for channel AppleBusinessChat",
    })
    const invite = await (
      await post('/resources/v1/messaging', {
        ...ambSamples['Invitation request'],
        destination: [{ abcUserId: ['urn:mbid:x'] }],
      })
    ).json()
    expect(invite.response).toMatchObject({
      code: '7003',
      description: "param 'msisdn' missing for channel AppleBusinessChat",
    })
  })

  it('posts an incoming text message key for key as the sample', async () => {
    const { emulator, posted } = contractApp(target)
    emulator.inject('AppleBusinessChat', 'appleBusinessChat', {
      abcUserId: 'urn:mbid:SAMPLe',
      text: 'Hey',
      abcAccountId: '00f67e37',
    })
    await emulator.runUntilIdle()
    const mo = posted.find((p) => p.payload.event === 'MO')!.payload
    expect(shapeOf(mo)).toEqual(shapeOf(ambSamples['Incoming Text Message']))
  })

  it.each([
    [
      'Listpicker',
      'appleInteractive',
      {
        requestIdentifier: '21d4a1c4-327c-XXXX-45b1-36a050b15ad2',
        listPicker: {
          selectedItems: [
            {
              identifier: '0',
              style: 'default',
              title: 'iPhone X',
              url: 'https://s3.amazonaws.com/appleattachment/3566bd31-d031-4bfe-9d1d-36b4b2c3d646.jpeg',
              order: '0',
            },
          ],
          otherItems: [
            {
              identifier: '1',
              style: 'default',
              title: 'iPhone 8',
              url: 'https://s3.amazonaws.com/appleattachment/f3dee919-4ebe-4a93-92e6-b4da8eab3a68.jpeg',
              order: '1',
            },
            {
              identifier: '2',
              style: 'default',
              title: 'iPhone SE',
              url: 'https://s3.amazonaws.com/appleattachment/06ade50d-5195-4e0a-88c7-315130ba6703.jpeg',
              order: '2',
            },
          ],
        },
        attachments: [
          {
            size: '27344',
            name: 'jpeg-image-8iEic2.jpeg',
            mimeType: 'image/jpeg',
            type: 'image',
            url: 'https://s3.amazonaws.com/appleattachment/jpeg-image-8iEic2.jpeg',
          },
        ],
      },
      ['listPicker', 'attachments'],
    ],
    [
      'Timepicker (Date Picker)',
      'appleInteractive',
      {
        requestIdentifier: 'b0291fd1-d2ac-XXXX-bd53-9258d6748619',
        datePicker: {
          identifier: 'fd296699-6ad1-4c96-af78-ae10dee1f19c',
          timezoneOffset: '-100',
          location: {},
          title: 'NHS Appointments',
          timeslots: [{ duration: '1800', identifier: '0', startTime: '2019-01-18T15:30+0000' }],
        },
      },
      ['datePicker', 'listPicker', 'attachments'],
    ],
    [
      'QuickReply',
      'appleQuickReply',
      {
        requestIdentifier: 'NewReq01',
        items: [
          { identifier: 'Appointment', title: 'Book an Appointment' },
          { identifier: 'Order', title: 'Track Order' },
          { identifier: 'Complaint', title: 'Raise a Complaint' },
          { identifier: 'Authentication', title: 'Test Classic Auth' },
        ],
        selectedIdentifier: 'Complaint',
      },
      ['quickreplies', 'capabilityList'],
    ],
    [
      'Classical Authentication',
      'appleAuthentication',
      { requestIdentifier: 'abcd4343', token: 'AQVs-Z2u2Tud' },
      ['authenticateStatus'],
    ],
    [
      'Authentication Response (New)',
      'appleAuthentication',
      { version: 'new', requestIdentifier: '5de6a59c-846f-45d8-a1d7-24382d9919d33', token: 'ABCozws5' },
      ['authenticateStatus', 'event'],
    ],
    [
      'Form Response',
      'appleForm',
      {
        requestIdentifier: '76dbffd0-7f2b-XXXX-a396-ae533d8a68e7',
        selections: [
          {
            pageIdentifier: '0',
            items: [{ identifier: '0', value: 'abc@gmail.com', type: 'input', title: 'abc@gmail.com' }],
            subtitle: 'Please provide new email address',
            title: 'New Email Address',
          },
        ],
      },
      ['formResponse', 'capabilityList'],
    ],
  ] as const)(
    'posts the %s event key for key as the sample, in its order (inject %s)',
    async (name, kind, input, same) => {
      const sample = ambSamples[name]
      const { emulator, posted } = contractApp(target)
      emulator.inject('AppleBusinessChat', kind, {
        abcUserId: sample.abcUserId,
        abcAccountId: sample.abcAccountId,
        appId: sample.appId,
        ...input,
      })
      await emulator.runUntilIdle()
      const event = posted.find((p) => p.payload.abcUserId === sample.abcUserId)!.payload
      expect(Object.keys(event)).toEqual(Object.keys(sample))
      expect(event).toMatchObject({
        event: sample.event,
        requestIdentifier: sample.requestIdentifier,
        appId: sample.appId,
      })
      for (const key of same) expect(event[key]).toBe(sample[key])
    },
  )

  it('refuses an answer that cannot be: a selectedIdentifier not among the items, no picker (400 naming the field)', async () => {
    const { app } = contractApp()
    const inject = async (path: string, body: unknown) => {
      const response = await app.request(`/_emulator/inbound/AppleBusinessChat/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as { code: string; field?: string } }
    }
    const quick = await inject('quick-reply', {
      abcUserId: 'urn:mbid:x',
      items: [{ identifier: 'a', title: 'A' }],
      selectedIdentifier: 'b',
    })
    expect(quick).toMatchObject({ status: 400, body: { field: 'selectedIdentifier' } })
    const neither = await inject('interactive', { abcUserId: 'urn:mbid:x' })
    expect(neither).toMatchObject({ status: 400, body: { field: 'listPicker' } })
    const ok = await inject('quick-reply', {
      abcUserId: 'urn:mbid:x',
      items: [{ identifier: 'a', title: 'A' }],
      selectedIdentifier: 'a',
    })
    expect(ok.status).toBeLessThan(300)
  })
})
