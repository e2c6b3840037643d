import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  mmsDataStreamReceiptSchema,
  mmsWebhookReceiptSchema,
} from '../../../src/core/channels/sms/mms/schemas/payloads.js'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { shapeOf } from '../../support/seed-fixtures.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const fixture = JSON.parse(
  readFileSync(new URL('../../contract/fixtures/vendor-docs/mms-api.json', import.meta.url), 'utf8'),
)

const slide = {
  type: 'image',
  messageText: 'Spring sale: https://brand.test/offer',
  mediaUrl: 'https://cdn.example.test/a.jpg',
}
const mms = (to: string | string[], extra: Record<string, unknown> = {}) => ({
  channel: 'mms',
  from: '15550001000',
  to: [{ msisdn: Array.isArray(to) ? to : [to] }],
  content: { subject: 'Spring sale', attachments: [slide] },
  ...extra,
})

function refusal(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (error instanceof EmulatorError) return { code: error.code, message: error.message, field: error.field }
    throw error
  }
  throw new Error('expected the request to be refused')
}

const info = (payload: any) => payload.deliveryInfoNotification.deliveryInfo
const trail = (sink: { payload: any }[]) => sink.map((r) => `${info(r.payload).deliveryStatus} ${info(r.payload).code}`)

/** Every MMS receipt of D-MMS, produced by sends to test numbers. */
async function produce(style: 'full' | 'as-documented') {
  const { emulator, sink, clock } = createTestEmulator({ receipts: { style } })
  emulator.send(mms('+447700900528', { options: { trackClicks: true } }))
  emulator.send(mms('+447700900801', { expireAt: new Date(clock.now() + 10_000).toISOString() }))
  await emulator.runUntilIdle()
  return sink.map((r) => r.payload)
}
const find = (payloads: any[], status: string) => payloads.find((p) => info(p).deliveryStatus === status)

describe('MMS receipts, key for key as the vendor samples (D-MMS)', () => {
  const cases: Array<[sample: string, status: string]> = [
    ['Submitted', 'Submitted'],
    ['Delivered', 'Delivered'],
    ['Read', 'Read'],
    ['Clicked', 'Clicked'],
    ['Expired', 'Un-Delivered'],
  ]

  it.each(cases)('as-documented: %s has the sample’s keys, in order', async (sample, status) => {
    const payload = find(await produce('as-documented'), status)
    const expected = fixture.receipts[sample]
    expect(payload, `no ${status} receipt`).toBeDefined()
    expect(shapeOf(payload)).toEqual(shapeOf(expected))
    expect(JSON.stringify(Object.keys(payload.deliveryInfoNotification))).toBe(
      JSON.stringify(Object.keys(expected.deliveryInfoNotification)),
    )
    expect(JSON.stringify(Object.keys(info(payload)))).toBe(JSON.stringify(Object.keys(info(expected))))
    expect(info(payload)).toMatchObject({
      deliveryChannel: 'mms',
      destinationType: 'msisdn',
      code: info(expected).code,
    })
  })

  it('carries the samples’ values: the MMS codes, Read as 7524, Clicked as 7525 with the link, IP and user agent', async () => {
    const payloads = await produce('as-documented')
    expect(trail(payloads.map((payload) => ({ payload })))).toEqual([
      'Submitted 7501',
      'Submitted 7501',
      'Delivered 7500',
      'Read 7524',
      'Clicked 7525',
      'Un-Delivered 7208',
    ])
    expect(info(find(payloads, 'Read')).Description).toBe('Read')
    expect(info(find(payloads, 'Clicked'))).toMatchObject({
      Description: 'https://brand.test/offer|192.0.2.1',
      additionalInfo: expect.stringMatching(/^Mozilla\/5\.0/),
    })
    expect(info(find(payloads, 'Un-Delivered')).Description).toBe('Message expired')
  })

  it('full: every receipt has additionalInfo and subtid, and passes the published schema; data-stream too', async () => {
    for (const payload of await produce('full')) {
      expect(info(payload)).toHaveProperty('additionalInfo')
      expect(payload.deliveryInfoNotification).toHaveProperty('subtid')
      expect(mmsWebhookReceiptSchema.safeParse(payload).success).toBe(true)
    }
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/s', format: 'datastream' }] },
    })
    emulator.send(mms('+447700900001'))
    await emulator.runUntilIdle()
    for (const r of sink) {
      expect(Object.keys(r.payload)).toEqual(['x-wx-gtrid', 'deliveryInfoNotification', 'dataIntegration'])
      expect(mmsDataStreamReceiptSchema.safeParse(r.payload).success).toBe(true)
    }
  })
})

describe('MMS on /v2/messages', () => {
  it('accepts the vendor’s own samples (single slide, six slides) and records subject and slides', async () => {
    const { emulator, sink } = createTestEmulator()
    for (const name of ['MMS Single Slide', 'MMS Sample']) {
      const body = JSON.parse(
        JSON.stringify(fixture.requests[name])
          .replaceAll('{{from}}', '15550001000')
          .replace(/\{\{msisdn\d?\}\}/g, '+12025550101'),
      )
      body.contactPolicy = undefined
      const { messageId } = emulator.send(body)
      expect(emulator.message(messageId)).toMatchObject({
        channel: 'mms',
        subject: body.content.subject,
        slides: body.content.attachments.map((a: any) => ({ type: a.type, mediaUrl: a.mediaUrl })),
      })
    }
    await emulator.runUntilIdle()
    expect(trail(sink).filter((t) => t === 'Delivered 7500')).toHaveLength(3)
  })

  it('refuses what breaks the documented limits, in the MMS page’s words', () => {
    const { emulator } = createTestEmulator()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { content: { subject: 'x'.repeat(81), attachments: [slide] } },
        'invalid_parameter',
        'Invalid parameter: content.subject',
      ],
      [{ content: { attachments: [slide] } }, 'missing_parameter', 'Mandatory parameter missing: content.subject'],
      // A subject of only white space says nothing, as an empty one: the vendor's "Mandatory".
      ...['', '   ', '\t\n', '\u3000'].map((subject): [Record<string, unknown>, string, string] => [
        { content: { subject, attachments: [slide] } },
        'invalid_parameter',
        'Invalid parameter: content.subject',
      ]),
      [
        { content: { subject: 'S', attachments: Array.from({ length: 10 }, () => slide) } },
        'invalid_parameter',
        'Invalid parameter: content.attachments',
      ],
      [{ content: { subject: 'S', attachments: [] } }, 'invalid_parameter', 'Invalid parameter: content.attachments'],
      [
        { content: { subject: 'S', attachments: [{ ...slide, messageText: 'x'.repeat(4097) }] } },
        'invalid_parameter',
        'Invalid parameter: content.attachments[0].messageText',
      ],
      [
        { content: { subject: 'S', attachments: [{ type: 'hologram', mediaUrl: 'https://cdn.example.test/a' }] } },
        'invalid_parameter',
        'Invalid parameter: content.attachments[0].type',
      ],
      [
        { content: { subject: 'S', attachments: [{ type: 'image', messageText: 'no picture' }] } },
        'missing_parameter',
        'Mandatory parameter missing: content.attachments[0].mediaUrl',
      ],
    ]
    for (const [extra, code, message] of cases)
      expect(
        refusal(() => emulator.send(mms('+12025550101', extra))),
        message,
      ).toMatchObject({ code, message })
  })

  it('keeps a subject with white space around its words as written', () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(mms('+12025550101', { content: { subject: ' Sale ', attachments: [slide] } }))
    expect(emulator.message(messageId)).toMatchObject({ subject: ' Sale ' })
  })

  it('refuses a from that is not one of the tenant’s MMS-enabled numbers (400 7101 "Invalid sender ID")', () => {
    const { emulator } = createTestEmulator({ mms: { senders: ['15550001000'] } })
    expect(refusal(() => emulator.send(mms('+12025550101', { from: '15559999999' })))).toEqual({
      code: 'invalid_sender',
      message: 'Invalid sender ID',
      field: 'from',
    })
    expect(() => emulator.send(mms('+12025550101'))).not.toThrow()
  })

  it('fails test numbers with MMS codes, and takes rules and mms.defaultOutcome', async () => {
    const { emulator, sink } = createTestEmulator({
      rules: [{ channel: 'mms', prefix: '+33', outcome: 'content-refused' }],
      mms: { defaultOutcome: 'read' },
    })
    emulator.send(mms(['+447700900552', '+33612345678', '+4930123456']))
    await emulator.runUntilIdle()
    const of = (n: string) => trail(sink.filter((r) => info(r.payload).destination === n))
    expect(of('+447700900552')).toEqual(['Failed 7552'])
    expect(info(sink.find((r) => info(r.payload).code === '7552')!.payload).Description).toBe('Address error')
    expect(of('+33612345678')).toEqual(['Failed 7554'])
    expect(of('+4930123456')).toEqual(['Submitted 7501', 'Delivered 7500', 'Read 7524'])
  })

  it('reports a click only when options.trackClicks is true, and says why not in the fate', async () => {
    const { emulator, sink } = createTestEmulator()
    const { messageId } = emulator.send(mms('+447700900528'))
    await emulator.runUntilIdle()
    expect(trail(sink)).toEqual(['Submitted 7501', 'Delivered 7500', 'Read 7524'])
    expect(emulator.message(messageId)!.recipients[0]!.fate).toMatch(/no Clicked: options.trackClicks/)
  })

  it('keeps the MMS-enabled numbers in the state file and puts them back', () => {
    const snapshot = createTestEmulator({ mms: { senders: ['15550001000'] } }).emulator.exportState() as any
    expect(snapshot.channels.mms).toEqual({ senders: ['15550001000'] })
    const second = createTestEmulator().emulator
    second.importState(snapshot)
    expect(refusal(() => second.send(mms('+12025550101', { from: '1' })))).toMatchObject({ code: 'invalid_sender' })
  })
})

describe('MMS manual actions', () => {
  it('clicks a held number by hand with the MMS code, filling in Submitted and Delivered', async () => {
    const { emulator, sink } = createTestEmulator()
    const { messageId } = emulator.send(mms('+447700900901', { options: { trackClicks: 'true' } }))
    await emulator.runUntilIdle()
    emulator.act(messageId, '+447700900901', { action: 'click' })
    await emulator.runUntilIdle()
    expect(trail(sink)).toEqual(['Submitted 7501', 'Delivered 7500', 'Clicked 7525'])
    expect(refusal(() => emulator.act(messageId, '+447700900901', { action: 'fail', code: 'bogus' }))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^"bogus" is not an MMS failure code: use one of 7010, 7208/),
    })
  })
})
