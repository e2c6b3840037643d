import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { smsDataStreamInboundSchema, smsWebhookInboundSchema } from '../../../src/core/channels/sms/schemas/payloads.js'
import { shapeOf } from '../../support/seed-fixtures.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const samples: Record<string, any> = JSON.parse(
  readFileSync(new URL('../../contract/fixtures/vendor-docs/sms-outbound-webhooks.json', import.meta.url), 'utf8'),
).samples

const inboundTargets = {
  webhooks: {
    targets: [
      { url: 'http://app.test/mo', events: ['mo'] },
      { url: 'http://app.test/stream', events: ['inbound'], format: 'datastream' as const },
    ],
  },
}

describe('incoming SMS (MO)', () => {
  it('posts both formats with the samples’ keys: oa the customer, da your number, the part count', async () => {
    const { emulator, sink } = createTestEmulator(inboundTargets)
    const record = emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'Incoming Text Message' })
    await emulator.runUntilIdle()
    const webhook = sink.find((r) => r.url === 'http://app.test/mo')!.payload
    const stream = sink.find((r) => r.url === 'http://app.test/stream')!.payload
    expect(shapeOf(webhook)).toEqual(shapeOf(samples['Incoming Message']))
    expect(shapeOf(stream)).toEqual(shapeOf(samples['Data stream Incoming Message']))
    expect(webhook).toMatchObject({
      Channel: 'SMS',
      oa: '+447700900123',
      da: '56263',
      message: 'Incoming Text Message',
      messageCount: '1',
      tid: record.tid,
      x_networkid: 'USTMO',
    })
    expect(stream).toMatchObject({
      channel: 'SMS',
      oa: '+447700900123',
      da: '56263',
      tid: record.tid,
      transid: record.tid,
    })
    expect(smsWebhookInboundSchema.safeParse(webhook).success).toBe(true)
    expect(smsDataStreamInboundSchema.safeParse(stream).success).toBe(true)
    expect(emulator.inbound()[0]).toMatchObject({ channel: 'sms', event: 'MO', from: '+447700900123', to: ['56263'] })
  })

  it('does nothing with STOP by itself; sms.keywords plays the flow that records consent in a group', async () => {
    const plain = createTestEmulator(inboundTargets)
    plain.emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })
    expect(plain.emulator.contactPolicy.groups()).toEqual([])

    const { emulator, sink } = createTestEmulator({
      ...inboundTargets,
      contactPolicy: { groups: [{ id: 'marketing' }] },
      sms: {
        keywords: [
          { keyword: 'STOP', group: 'marketing' },
          { keyword: 'start', group: 'marketing', consent: true },
        ],
      },
    })
    const send = () =>
      emulator.send({
        channel: 'sms',
        from: '56263',
        to: [{ msisdn: ['+447700900123'] }],
        content: { type: 'text', text: 'Sale!' },
        notifyUrl: 'http://app.test/dr',
        contactPolicy: { contactPolicyGroup: 'marketing', channelCheckConsent: true },
      })
    emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: ' stop ' })
    send()
    await emulator.runUntilIdle()
    const last = () => sink.at(-1)!.payload.deliveryInfoNotification?.deliveryInfo
    expect(last()).toMatchObject({ deliveryStatus: 'Failed', code: '9002', messageCount: '1' })
    emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'Start' })
    send()
    await emulator.runUntilIdle()
    expect(last()).toMatchObject({ deliveryStatus: 'Delivered' })
    expect(emulator.contactPolicy.groups()[0]!.members).toEqual([
      expect.objectContaining({ channel: 'text', address: '+447700900123', consent: true }),
    ])
  })

  it('holds a STOP from the number as the vendor writes oa (no "+") for sends to it in +E.164, and caps it by its digits', async () => {
    const { emulator, sink } = createTestEmulator({
      contactPolicy: { groups: [{ id: 'marketing', frequency: { scope: 'all', daily: 1 } }] },
      sms: { keywords: [{ keyword: 'STOP', group: 'marketing' }] },
    })
    const send = (msisdn: string, contactPolicy: Record<string, unknown>) =>
      emulator.send({
        channel: 'sms',
        from: '56263',
        to: [{ msisdn: [msisdn] }],
        content: { type: 'text', text: 'Sale!' },
        notifyUrl: 'http://app.test/dr',
        contactPolicy: { contactPolicyGroup: 'marketing', ...contactPolicy },
      })
    const lastTo = (destination: string) =>
      sink.findLast((r) => r.payload.deliveryInfoNotification.deliveryInfo.destination === destination)!.payload
        .deliveryInfoNotification.deliveryInfo
    emulator.inject('sms', 'mo', { from: '447700900123', to: '56263', text: 'STOP' }) // D-SMSWH/D-DS-SMS: "oa": "16472294196"
    send('+447700900123', { channelCheckConsent: true })
    await emulator.runUntilIdle()
    expect(lastTo('+447700900123')).toMatchObject({ deliveryStatus: 'Failed', code: '9002' })
    send('+447700900124', { channelApplyFrequencyCap: true })
    send('447700900124', { channelApplyFrequencyCap: true })
    await emulator.runUntilIdle()
    expect(lastTo('+447700900124')).toMatchObject({ deliveryStatus: 'Delivered' })
    expect(lastTo('447700900124')).toMatchObject({ deliveryStatus: 'Failed', code: '9006' })
  })

  it('records a keyword listed for several groups in each of them (only the first was recorded)', () => {
    const { emulator } = createTestEmulator({
      sms: {
        keywords: [
          { keyword: 'STOP', group: 'marketing' },
          { keyword: 'stop', group: 'offers' },
          { keyword: 'START', group: 'offers', consent: true },
        ],
      },
    })
    emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'Stop' })
    expect(emulator.contactPolicy.groups().map((g) => [g.id, g.members.map((m) => [m.address, m.consent])])).toEqual([
      ['marketing', [['+447700900123', false]]],
      ['offers', [['+447700900123', false]]],
    ])
  })

  it('refuses a keyword whose group is gone with unknownGroups "reject", recording nothing (the group was made again)', () => {
    const keywords = [
      { keyword: 'STOP', group: 'marketing' },
      { keyword: 'STOP', group: 'offers' },
    ]
    const { emulator } = createTestEmulator({
      contactPolicy: { unknownGroups: 'reject', groups: [{ id: 'marketing' }, { id: 'offers', type: 'allow' }] },
      sms: { keywords },
    })
    emulator.contactPolicy.removeGroup('offers')
    expect(() => emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })).toThrow(
      /No consent group "offers": with contactPolicy\.unknownGroups "reject"/,
    )
    expect(emulator.contactPolicy.groups().map((g) => [g.id, g.members.length])).toEqual([['marketing', 0]])
    // The default takes a group it was not told about as one of the tenant's, and adds it.
    const pass = createTestEmulator({ sms: { keywords } }).emulator
    pass.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })
    expect(pass.contactPolicy.groups().map((g) => [g.id, g.type, g.members.length])).toEqual([
      ['marketing', 'deny', 1],
      ['offers', 'deny', 1],
    ])
  })

  it('records such a keyword in all its groups or, a list full, in none (the first groups kept it)', () => {
    const keywords = [
      { keyword: 'STOP', group: 'marketing' },
      { keyword: 'STOP', group: 'offers' },
    ]
    const members = (emulator: ReturnType<typeof createTestEmulator>['emulator']) =>
      emulator.contactPolicy.groups().map((g) => [g.id, g.members.length])
    const full = createTestEmulator({ sms: { keywords }, limits: { maxConsentMembers: 1 } }).emulator
    expect(() => full.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })).toThrow(
      /limits\.maxConsentMembers/,
    )
    expect(members(full)).toEqual([])
    expect(full.inbound()).toEqual([])
    const fewGroups = createTestEmulator({ sms: { keywords }, limits: { maxConsentGroups: 1 } }).emulator
    expect(() => fewGroups.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })).toThrow(
      /limits\.maxConsentGroups/,
    )
    expect(members(fewGroups)).toEqual([])
  })

  it('counts the parts, is about the first 80 characters, and carries the customer’s carrier and the tenant’s client id', async () => {
    const { emulator, sink } = createTestEmulator({
      ...inboundTargets,
      tenant: { clientUUID: '11111111-2222-4333-8444-555555555555' },
    })
    const text = 'x'.repeat(200)
    const record = emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text, carrier: 'VODAFONE' })
    expect(record.subject).toBe('x'.repeat(80))
    await emulator.runUntilIdle()
    const webhook = sink.find((r) => r.url === 'http://app.test/mo')!.payload
    const stream = sink.find((r) => r.url === 'http://app.test/stream')!.payload
    expect(webhook).toMatchObject({ messageCount: '2', x_networkid: 'VODAFONE', message: text })
    expect(stream).toMatchObject({
      messageCount: '2',
      x_networkid: 'VODAFONE',
      clientUUID: '11111111-2222-4333-8444-555555555555',
    })
  })

  it('announces the contact policy changed when a keyword recorded consent, and nothing for other texts', () => {
    const { emulator } = createTestEmulator({
      contactPolicy: { groups: [{ id: 'marketing' }] },
      sms: { keywords: [{ keyword: 'STOP', group: 'marketing' }] },
    })
    const changes: string[] = []
    emulator.subscribe((event) => {
      if (event.type === 'state') changes.push(event.what)
    })
    emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'hello' })
    expect(changes).toEqual([])
    emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' })
    expect(changes).toContain('contactPolicy')
  })

  it('refuses bad input by name', () => {
    const { emulator } = createTestEmulator()
    expect(() => emulator.inject('sms', 'mo', { from: '+447700900123', text: 'x' })).toThrow(/"to"/)
    expect(() => emulator.inject('sms', 'mo', { from: '+1', to: '2', text: 'x', body: 'y' })).toThrow(
      /Unrecognized key.*"body"/,
    )
    expect(() => emulator.inject('sms', 'email', {})).toThrow(/no inbound event "email": use mo/)
  })
})
