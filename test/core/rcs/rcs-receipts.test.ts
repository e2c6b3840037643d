import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  rcsDataStreamInboundSchema,
  rcsDataStreamReceiptSchema,
  rcsWebhookInboundSchema,
  rcsWebhookReceiptSchema,
} from '../../../src/core/channels/sms/rcs/schemas/payloads.js'
import { shapeOf } from '../../support/seed-fixtures.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const fixture = JSON.parse(
  readFileSync(new URL('../../contract/fixtures/vendor-docs/rcs-outbound-webhooks.json', import.meta.url), 'utf8'),
)

const rcs = (to: string, extra: Record<string, unknown> = {}) => ({
  channel: 'rcs',
  from: 'a_1570171',
  to: [{ msisdn: [to] }],
  content: { type: 'text', text: 'Your table is ready. Reply Yes or No.' },
  ...extra,
})

const info = (payload: any) => payload.deliveryInfoNotification?.deliveryInfo

/** Every RCS receipt of D-RCSWH, produced by sends to test numbers. */
async function produce(style: 'full' | 'as-documented') {
  const { emulator, sink } = createTestEmulator({ receipts: { style } })
  emulator.send(rcs('+447700900502'))
  emulator.send(rcs('+447700900010'))
  await emulator.runUntilIdle()
  return sink.map((r) => r.payload)
}

const find = (payloads: any[], status: string) => payloads.find((p) => info(p)?.deliveryStatus === status)

describe('RCS receipts, key for key as the vendor samples (D-RCSWH)', () => {
  it.each(['Submitted', 'Delivered', 'Read', 'Failed'])(
    'as-documented: %s has the sample’s keys, in order',
    async (status) => {
      const payload = find(await produce('as-documented'), status)
      const sample = fixture.receipts[status]
      expect(payload, `no ${status} receipt`).toBeDefined()
      expect(shapeOf(payload)).toEqual(shapeOf(sample))
      expect(JSON.stringify(Object.keys(payload.deliveryInfoNotification))).toBe(
        JSON.stringify(Object.keys(sample.deliveryInfoNotification)),
      )
      expect(JSON.stringify(Object.keys(info(payload)))).toBe(JSON.stringify(Object.keys(info(sample))))
      expect(info(payload).destinationType).toBe(info(sample).destinationType)
    },
  )

  it('carries the samples’ values: rcs, the carrier and provider, the codes, the 7010 text naming the number', async () => {
    const payloads = await produce('as-documented')
    expect(find(payloads, 'Submitted').deliveryInfoNotification).toMatchObject({
      deliveryInfo: { code: '7501', Description: 'Submitted', deliveryChannel: 'rcs', destination: '+447700900502' },
      carrier: '8',
      serviceProvider: 'GOOGLE',
    })
    const submitted = find(payloads, 'Submitted').deliveryInfoNotification
    expect(submitted.subtid).toBe(submitted.transid)
    expect(info(find(payloads, 'Delivered'))).toMatchObject({ code: '7500', Description: 'Delivered' })
    expect(info(find(payloads, 'Read'))).toMatchObject({ code: '7502', Description: 'Read' })
    expect(info(find(payloads, 'Failed'))).toEqual({
      timeStamp: expect.any(String),
      Description: 'Service provider exception.',
      code: '7010',
      deliveryChannel: 'rcs',
      additionalInfo: 'Unable to determine service provider for recipient: +447700900010 carrier: N/A and protocol:RCS',
      destination: '+447700900010',
      destinationType: 'msisdn',
      deliveryStatus: 'Failed',
    })
  })

  it('full: every receipt has carrier, serviceProvider and destinationType "msisdn"; each passes the published schema', async () => {
    for (const payload of await produce('full')) {
      expect(payload.deliveryInfoNotification).toHaveProperty('carrier')
      expect(payload.deliveryInfoNotification).toHaveProperty('serviceProvider')
      expect(info(payload).destinationType).toBe('msisdn')
      expect(rcsWebhookReceiptSchema.safeParse(payload).success).toBe(true)
    }
  })

  it('data-stream receipts wrap the same notification with x-wx-gtrid and dataIntegration', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/stream', format: 'datastream' }] },
    })
    emulator.send(rcs('+447700900001'))
    await emulator.runUntilIdle()
    expect(sink.length).toBe(2)
    for (const r of sink) {
      expect(Object.keys(r.payload)).toEqual(['x-wx-gtrid', 'deliveryInfoNotification', 'dataIntegration'])
      expect(rcsDataStreamReceiptSchema.safeParse(r.payload).success).toBe(true)
    }
  })
})

describe('RCS inbound events, key for key as the vendor samples (D-RCSWH)', () => {
  const cases: Array<[sample: string, kind: string, input: Record<string, unknown>]> = [
    ['Incoming Message', 'mo', { text: 'RCS' }],
    ['Incoming Attachment', 'attachment', { url: 'https://files.example.test/clip.mp4', type: 'video' }],
    ['Location', 'location', { latitude: 17.434679, longitude: 78.3985752 }],
    ['Postback', 'postback', { postback: 'Yes' }],
    ['Subscribe', 'subscribe', {}],
    ['Unsubscribe', 'unsubscribe', {}],
  ]

  it.each(cases)('%s: the sample’s keys in order, in both formats', async (sample, kind, input) => {
    const { emulator, sink } = createTestEmulator({
      rcs: { apps: ['a_1570171'] },
      webhooks: {
        targets: [
          { url: 'http://app.test/in', events: ['inbound'] },
          { url: 'http://app.test/stream', events: ['inbound'], format: 'datastream' },
        ],
      },
    })
    emulator.inject('rcs', kind, { from: '+447700900123', ...input })
    await emulator.runUntilIdle()
    const webhook = sink.find((r) => r.url === 'http://app.test/in')!.payload
    const stream = sink.find((r) => r.url === 'http://app.test/stream')!.payload
    expect(JSON.stringify(Object.keys(webhook))).toBe(JSON.stringify(Object.keys(fixture.inbound[sample])))
    expect(shapeOf(webhook)).toEqual(shapeOf(fixture.inbound[sample]))
    expect(webhook).toMatchObject({ channel: 'rcs', msisdn: '+447700900123', appId: 'a_1570171' })
    expect(webhook.event).toBe(fixture.inbound[sample].event)
    expect(rcsWebhookInboundSchema.safeParse(webhook).success).toBe(true)
    expect(stream).toMatchObject({ ...webhook, 'x-wx-gtrid': '' })
    expect(rcsDataStreamInboundSchema.safeParse(stream).success).toBe(true)
  })

  it('says what the customer sent: the text, the postback, the location, the file', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/in', events: ['mo'] }] },
    })
    emulator.inject('rcs', 'mo', { from: '+447700900123', text: 'Yes please' })
    emulator.inject('rcs', 'postback', { from: '+447700900123', postback: 'confirm_booking' })
    emulator.inject('rcs', 'location', { from: '+447700900123', latitude: 51.5, longitude: -0.12 })
    emulator.inject('rcs', 'attachment', { from: '+447700900123', url: 'https://files.example.test/a.jpg' })
    await emulator.runUntilIdle()
    const [mo, postback, location, attachment] = sink.map((r) => r.payload)
    expect(mo).toMatchObject({ event: 'MO', message: 'Yes please', carrier: '8', serviceProvider: 'GOOGLE' })
    expect(mo.messageid).toMatch(/^[0-9a-f]{26}$/)
    expect(postback).toMatchObject({ event: 'postback', postback: 'confirm_booking' })
    expect(location).toMatchObject({ event: 'Location', latitude: '51.5', longitude: '-0.12' })
    expect(JSON.parse(attachment.attachments)).toEqual([
      { payload: { url: 'https://files.example.test/a.jpg' }, type: 'image' },
    ])
    expect(emulator.inbound().map((r) => [r.channel, r.event])).toEqual([
      ['rcs', 'MO'],
      ['rcs', 'postback'],
      ['rcs', 'Location'],
      ['rcs', 'ATTACHMENT'],
    ])
  })

  it('is about the text (its first 80 characters), the postback, or the event; takes the customer’s carrier when given', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/in', events: ['mo'] }] },
    })
    const long = 'x'.repeat(81)
    const subjects = [
      emulator.inject('rcs', 'mo', { from: '+447700900123', text: long, carrier: '23' }),
      emulator.inject('rcs', 'postback', { from: '+447700900123', postback: 'confirm_booking' }),
      emulator.inject('rcs', 'subscribe', { from: '+447700900123' }),
    ].map((r) => r.subject)
    expect(subjects).toEqual(['x'.repeat(80), 'confirm_booking', 'SUBSCRIBE'])
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.payload.carrier)).toEqual(['23', '8'])
  })

  it('refuses a latitude past ±90 and a longitude past ±180', () => {
    const { emulator } = createTestEmulator()
    const at = (latitude: number, longitude: number) => () =>
      emulator.inject('rcs', 'location', { from: '+447700900123', latitude, longitude })
    expect(at(90, 180)).not.toThrow()
    expect(at(-90, -180)).not.toThrow()
    expect(at(90.5, 0)).toThrow(/latitude/)
    expect(at(0, -180.5)).toThrow(/longitude/)
  })

  it('refuses an input with a misspelt key, naming it', () => {
    const { emulator } = createTestEmulator()
    expect(() => emulator.inject('rcs', 'mo', { from: '+447700900123', txt: 'hi' })).toThrow(/txt/)
  })
})
