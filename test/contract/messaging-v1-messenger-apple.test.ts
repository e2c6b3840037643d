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

/** Receipts the service-level target got (a request's notifyurl gets its own copies). */
const receipts = (posted: Array<{ url: string; payload: any }>) =>
  posted.filter((p) => p.url === 'https://app.test/hooks' && p.payload.deliveryInfoNotification).map((p) => p.payload)

describe('Messenger on the Messaging API v1 (deliverychannel "fb")', () => {
  it('queues the documented text request; Submitted → Delivered → Read with deliveryChannel fb and destinationType psid', async () => {
    const { post, emulator, posted } = contractApp(target)
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
})
