import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseWaOutcome } from '../../../src/core/channels/whatsapp/outcome.js'
import { waInboundPayloadSchema, waReceiptSchema } from '../../../src/core/channels/whatsapp/schemas.js'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { shapeOf } from '../../support/seed-fixtures.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

/** D-WAWH's receipts and inbound events, D-WAFAQ's and D-CODES' older receipts (notes §2.6). */
const samples: Record<string, any> = JSON.parse(
  readFileSync(new URL('../../contract/fixtures/vendor-docs/whatsapp-outbound-webhooks.json', import.meta.url), 'utf8'),
).samples

const app = 'a_157967534853754560'
const user = '447700900001'

/** D-WA's text message (notes §2.5), filled in. */
const text = (waid: string | string[] = user, extra: Record<string, unknown> = {}) => ({
  deliverychannel: 'whatsapp',
  appid: app,
  destination: [{ waid: Array.isArray(waid) ? waid : [waid] }],
  channels: {
    'OTT-Messaging': {
      wa: { type: 'text', text: { body: 'This is a whatsapp message' }, identity_key_hash: '8VVxxxxxmtw=' },
    },
  },
  correlationid: '',
  callbackData: '',
  ...extra,
})

const template = (parameters: Record<string, unknown>, id = 'order_update', waid = user) => ({
  appid: app,
  deliverychannel: 'whatsapp',
  message: { template: id, parameters },
  destination: [{ waid: [waid] }],
})

const base: EmulatorConfigInput = {
  whatsapp: {
    apps: [app],
    templates: {
      order_update: { parameters: ['movie', 'venue'] },
      promo: { parameters: [], category: 'marketing' },
    },
  },
}

function setup(config: EmulatorConfigInput = {}) {
  const t = createTestEmulator({ ...base, ...config, whatsapp: { ...base.whatsapp, ...config.whatsapp } })
  const receipts = () =>
    t.sink.filter((r) => r.payload.deliveryInfoNotification).map((r) => r.payload.deliveryInfoNotification)
  const statuses = () =>
    receipts().map(
      (r) =>
        `${r.deliveryInfo.deliveryStatus}${r.deliveryInfo.code === '7500' || r.deliveryInfo.code === '7501' || r.deliveryInfo.code === '7502' ? '' : ` ${r.deliveryInfo.code}`}`,
    )
  const openWindow = (waid = user) => t.emulator.inject('whatsapp', 'whatsapp', { waid, text: 'hi', appId: app })
  return { ...t, receipts, statuses, openWindow }
}

const find = (payloads: any[], status: string) =>
  payloads.find((p) => p.deliveryInfoNotification?.deliveryInfo.deliveryStatus === status)

describe('WhatsApp receipts, key for key as the vendor samples (D-WAWH)', () => {
  it.each(['Submitted', 'Delivered', 'Read'])('%s has the sample’s keys', async (status) => {
    const { emulator, sink, openWindow } = setup()
    openWindow()
    emulator.sendV1(text())
    await emulator.runUntilIdle()
    const payload = find(
      sink.map((r) => r.payload),
      status,
    )
    expect(shapeOf(payload)).toEqual(shapeOf(samples[status]))
    expect(waReceiptSchema.parse(payload)).toBeTruthy()
  })

  it('carries the WhatsApp extras as the samples: waid, transid ending _0, a subtid, the identity key hash', async () => {
    const { emulator, receipts, openWindow } = setup()
    openWindow()
    const { message } = emulator.sendV1(text(user, { correlationid: 'c-1', callbackData: 'cb' }))
    await emulator.runUntilIdle()
    const [submitted, delivered, read] = receipts()
    expect(submitted).toMatchObject({
      transid: `${message.messageId}_0`,
      correlationid: 'c-1',
      callbackData: 'cb',
      deliveryInfo: {
        waid: user,
        bsuid: '',
        Description: 'Submitted',
        code: '7501',
        deliveryChannel: 'whatsapp',
        waidNormalized: 'false',
        destination: user,
        destinationType: 'waid',
        identityKeyHash: '8VVxxxxxmtw=',
      },
    })
    expect(submitted.subtid).toMatch(/^[0-9a-f-]{36}$/)
    expect(delivered.subtid).toBe(submitted.subtid)
    expect(read.deliveryInfo).toMatchObject({ Description: 'Read', code: '7502', deliveryStatus: 'Read' })
  })

  it('Failed has the sample’s keys: a bsuid destination failing 7838 with Meta’s error in additionalInfo', async () => {
    const { emulator, sink, openWindow } = setup({
      rules: [{ glob: 'IN.*', outcome: 'bsuid-not-enabled', channel: 'whatsapp' }],
    })
    openWindow('IN.2146020959550167')
    emulator.sendV1({ ...text(), destination: [{ bsuid: ['IN.2146020959550167'] }] })
    await emulator.runUntilIdle()
    const failed = find(
      sink.map((r) => r.payload),
      'Failed',
    )
    expect(shapeOf(failed)).toEqual(shapeOf(samples.Failed))
    expect(failed.deliveryInfoNotification.deliveryInfo).toMatchObject({
      ...samples.Failed.deliveryInfoNotification.deliveryInfo,
      timeStamp: expect.any(String),
      identityKeyHash: '8VVxxxxxmtw=',
    })
  })

  it('copies D-WAFAQ’s older receipts with receiptKeys "legacy", and D-CODES’ 7200 example with "without-bsuid"', async () => {
    const legacy = setup({ whatsapp: { receiptKeys: 'legacy' } })
    legacy.emulator.sendV1(text())
    legacy.openWindow()
    legacy.emulator.sendV1(text())
    await legacy.emulator.runUntilIdle()
    const payloads = legacy.sink.map((r) => r.payload)
    expect(shapeOf(find(payloads, 'Delivered'))).toEqual(shapeOf(samples['Legacy Delivered (D-WAFAQ)']))
    expect(shapeOf(find(payloads, 'Failed'))).toEqual(shapeOf(samples['Legacy Failed 7710 (D-WAFAQ)']))
    const codes = setup({ whatsapp: { receiptKeys: 'without-bsuid' } })
    codes.openWindow('447700900200')
    codes.emulator.sendV1(text('447700900200'))
    await codes.emulator.runUntilIdle()
    const unknown = find(
      codes.sink.map((r) => r.payload),
      'Failed',
    )
    expect(shapeOf(unknown)).toEqual(shapeOf(samples['Code 7200 (D-CODES)']))
    expect(unknown.deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: '7200',
      Description: 'Unknown Status',
      additionalInfo: samples['Code 7200 (D-CODES)'].deliveryInfoNotification.deliveryInfo.additionalInfo,
    })
  })

  it('sends the data-stream format with x-wx-gtrid and dataIntegration around the same notification', async () => {
    const { emulator, sink, openWindow } = setup({
      webhooks: { targets: [{ url: 'http://app.test/stream', format: 'datastream' }] },
    })
    openWindow()
    emulator.sendV1(text())
    await emulator.runUntilIdle()
    const stream = sink.find((r) => r.url === 'http://app.test/stream')!.payload
    expect(Object.keys(stream)).toEqual(['x-wx-gtrid', 'deliveryInfoNotification', 'dataIntegration'])
    expect(shapeOf({ deliveryInfoNotification: stream.deliveryInfoNotification })).toEqual(shapeOf(samples.Submitted))
  })
})

describe('the 24-hour customer-service window', () => {
  it('accepts a session message outside it, then fails it with 7710 and the vendor’s additionalInfo', async () => {
    const { emulator, receipts } = setup()
    const { message } = emulator.sendV1(text())
    expect(message.recipients[0]!.fate).toContain('7710')
    await emulator.runUntilIdle()
    const [failed] = receipts()
    expect(receipts()).toHaveLength(1)
    expect(failed.deliveryInfo).toMatchObject({
      Description: 'Re-engagement message',
      code: '7710',
      deliveryStatus: 'Failed',
      additionalInfo: samples['Legacy Failed 7710 (D-WAFAQ)'].deliveryInfoNotification.deliveryInfo.additionalInfo,
    })
    expect(failed.subtid).toBe('')
  })

  it('opens on an inbound message and closes 24 hours later on the emulator clock', async () => {
    const { emulator, statuses, openWindow } = setup({ whatsapp: { read: false } })
    openWindow('+44 7700 900001')
    await emulator.advance(23 * 3_600_000)
    emulator.sendV1(text())
    await emulator.advance(3_600_000)
    emulator.sendV1(text())
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Delivered', 'Failed 7710'])
  })

  it('lets template messages through whatever the window, and opens per app', async () => {
    const { emulator, statuses } = setup({ whatsapp: { read: false, apps: [app, 'a_other'] } })
    emulator.inject('whatsapp', 'whatsapp', { waid: user, text: 'hi', appId: 'a_other' })
    emulator.sendV1(template({ movie: 'joker', venue: 'hyderabad' }))
    emulator.sendV1(text())
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Delivered', 'Failed 7710'])
  })

  it('never fails a session message with whatsapp.enforceWindow false', async () => {
    const { emulator, statuses } = setup({ whatsapp: { enforceWindow: false, read: false } })
    emulator.sendV1(text())
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Delivered'])
  })
})

describe('WhatsApp requests', () => {
  it('refuses an appid that is not a configured asset: 7104 "Invalid app id"', () => {
    const { emulator } = setup()
    expect(() => emulator.sendV1({ ...text(), appid: 'a_unknown' })).toThrow(
      expect.objectContaining({ code: 'invalid_app_id', message: 'Invalid app id' }),
    )
  })

  it('fails a template missing a declared parameter with 7804 "Template Param Count Mismatch"; refuses an unknown one (7108)', async () => {
    const { emulator, receipts } = setup()
    emulator.sendV1(template({ movie: 'joker' }))
    await emulator.runUntilIdle()
    expect(receipts()[0].deliveryInfo).toMatchObject({ code: '7804', Description: 'Template Param Count Mismatch' })
    expect(() => emulator.sendV1(template({}, 'nope'))).toThrow(expect.objectContaining({ code: 'invalid_template' }))
    const lenient = setup({ whatsapp: { unknownTemplate: 'receipt' } })
    lenient.emulator.sendV1(template({}, 'nope'))
    await lenient.emulator.runUntilIdle()
    expect(lenient.receipts()[0].deliveryInfo).toMatchObject({ code: '7849', Description: 'Template does not exist' })
  })

  it.each([
    ['no channels', { channels: undefined }, "param 'OTT-Messaging' missing for channel whatsapp"],
    ['no wa', { channels: { 'OTT-Messaging': {} } }, "param 'wa' missing for channel whatsapp"],
    [
      'no body',
      { channels: { 'OTT-Messaging': { wa: { type: 'text', text: {} } } } },
      "param 'body' missing for channel whatsapp",
    ],
    ['no appid', { appid: undefined }, "param 'appid' missing for channel whatsapp"],
    [
      'no waid',
      { destination: [{ waid: [] }] },
      'any one of [customerid,msisdn,email, userid,pushid,psid, etc.] is mandatory',
    ],
    [
      'four reply buttons',
      {
        channels: {
          'OTT-Messaging': {
            wa: {
              type: 'reply',
              reply: {
                body: { text: 'Pick' },
                action: {
                  buttons: [1, 2, 3, 4].map((n) => ({ type: 'reply', reply: { id: `b${n}`, title: `B${n}` } })),
                },
              },
            },
          },
        },
      },
      "invalid value of param 'buttons'",
    ],
  ])('refuses %s in the v1 words', (_, change, message) => {
    const { emulator } = setup()
    expect(() => emulator.sendV1({ ...text(), ...change })).toThrow(expect.objectContaining({ message }))
  })

  it('fails by receipt what has a WhatsApp code: text over 4096 (7714), 11 list sections (7819), 11 rows (7820)', async () => {
    const { emulator, statuses, openWindow } = setup()
    openWindow()
    const list = (sections: number, rows: number) => ({
      channels: {
        'OTT-Messaging': {
          wa: {
            type: 'list',
            list: {
              body: { text: 'Menu' },
              action: {
                button: 'Main Menu',
                sections: Array.from({ length: sections }, (_, i) => ({
                  title: `S${i}`,
                  rows: Array.from({ length: rows }, (_, j) => ({ id: `r${i}-${j}`, title: `R${j}` })),
                })),
              },
            },
          },
        },
      },
    })
    emulator.sendV1(
      text(user, { channels: { 'OTT-Messaging': { wa: { type: 'text', text: { body: 'x'.repeat(4097) } } } } }),
    )
    emulator.sendV1({ ...text(), ...list(11, 1) })
    emulator.sendV1({ ...text(), ...list(2, 6) })
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Failed 7714', 'Failed 7819', 'Failed 7820'])
  })

  it('plays every session type the docs list', async () => {
    const { emulator, openWindow } = setup()
    openWindow()
    const sessions = [
      { type: 'image', image: { url: 'https://brand.test/a.jpg', mimeType: 'image/jpg', caption: 'A' } },
      { type: 'audio', audio: { url: 'https://brand.test/a.aac', mimeType: 'audio/aac' } },
      {
        type: 'document',
        document: { url: 'https://brand.test/a.pdf', filename: 'Document test', mimeType: 'application/pdf' },
      },
      // A public client sends images without mimeType (notes issue16 §3c).
      { type: 'image', image: { url: 'https://brand.test/b.png' } },
      { type: 'location', location: { longitude: 0.0, latitude: 0.0, name: '', address: '' } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Ann' } }] },
    ]
    for (const wa of sessions) emulator.sendV1({ ...text(), channels: { 'OTT-Messaging': { wa } } })
    await emulator.runUntilIdle()
    expect(emulator.messages().map((m) => m.recipients[0]!.status)).toEqual(sessions.map(() => 'Read'))
  })

  it('reads test numbers with the SMS grammar: 900710 → 7710, 900501 stays Submitted, 900865 → 7865', async () => {
    const { emulator, statuses } = setup()
    emulator.sendV1(template({ movie: 'a', venue: 'b' }, 'order_update', '447700900501'))
    emulator.sendV1(template({ movie: 'a', venue: 'b' }, 'order_update', '447700900865'))
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Submitted', 'Failed 7865'])
  })
})

describe('what WhatsApp users push, key for key as the samples (D-WAWH)', () => {
  const cases: Array<[sample: string, kind: string, input: Record<string, unknown>]> = [
    ['Incoming Message', 'whatsapp', { text: 'hi', username: 'John', bsuid: 'IN.2146020959550167' }],
    ['Image', 'whatsapp', { attachments: [{ mime_type: 'image/jpeg', url: 'https://attachments.test/1.jpg' }] }],
    [
      'Location',
      'whatsapp',
      { location: { address: 'Plot No. 123', latitude: '17.43', name: 'Imimobile', url: '', longitude: '78.39' } },
    ],
    ['Postback', 'whatsappPostback', { buttonPayload: 'PAYLOAD', buttonText: 'Yes' }],
    [
      'List Message',
      'whatsappList',
      {
        listRowIdentifier: 'unique-row-identifier-1',
        listRowTitle: 'Row-title-1',
        listRowDescription: 'Row-description',
      },
    ],
    ['Reply Buttons', 'whatsappReply', { replyButtonIdentifier: 'ButtonId1', replyButtonTitle: 'First Button' }],
    ['User Preferences', 'whatsappPreference', { value: 'stop' }],
  ]

  it.each(cases)('%s', async (sample, kind, input) => {
    const { emulator, sink } = setup({ webhooks: { targets: [{ url: 'http://app.test/in', events: ['inbound'] }] } })
    emulator.inject('whatsapp', kind, { waid: '919876543210', ...input })
    await emulator.runUntilIdle()
    const payload = sink.find((r) => r.url === 'http://app.test/in')!.payload
    expect(shapeOf(payload)).toEqual(shapeOf(samples[sample]))
    // In the sample's order too (shapeOf sorts): the Location sample has `username` second.
    expect(Object.keys(payload)).toEqual(Object.keys(samples[sample]))
    expect(waInboundPayloadSchema.parse(payload)).toBeTruthy()
    expect(payload).toMatchObject({
      channel: 'WhatsApp',
      appId: app,
      waid: '919876543210',
      tid: expect.stringMatching(/_0$/),
    })
  })

  it('encodes attachments and location as JSON strings, as the vendor does', async () => {
    const { emulator, sink } = setup({ webhooks: { targets: [{ url: 'http://app.test/in', events: ['mo'] }] } })
    emulator.inject('whatsapp', 'whatsapp', { waid: user, location: { latitude: 17.4, longitude: 78.3, name: 'HQ' } })
    await emulator.runUntilIdle()
    const location = JSON.parse(sink[0]!.payload.location)
    expect(location).toEqual({ latitude: '17.4', longitude: '78.3', name: 'HQ', address: '', url: '' })
    // Serialised in the order of the vendor's Location sample.
    expect(Object.keys(location)).toEqual(Object.keys(JSON.parse(samples.Location.location)))
  })

  it('a marketing stop makes marketing templates fail (7871) until the user resumes', async () => {
    const { emulator, statuses } = setup({ whatsapp: { read: false } })
    emulator.inject('whatsapp', 'whatsappPreference', { waid: user, value: 'stop' })
    emulator.sendV1(template({}, 'promo'))
    emulator.sendV1(template({ movie: 'a', venue: 'b' }))
    await emulator.runUntilIdle()
    emulator.inject('whatsapp', 'whatsappPreference', { waid: user, value: 'resume' })
    emulator.sendV1(template({}, 'promo'))
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Failed 7871', 'Delivered', 'Submitted', 'Delivered'])
  })
})

describe('WhatsApp state', () => {
  it('keeps open windows and opt-outs in the state file', async () => {
    const first = setup({ whatsapp: { read: false } })
    first.openWindow()
    first.emulator.inject('whatsapp', 'whatsappPreference', { waid: '447700900003', value: 'stop' })
    const snapshot = JSON.parse(JSON.stringify(first.emulator.exportState()))
    expect(snapshot.channels.whatsapp.windows).toHaveLength(1)
    const second = setup({ whatsapp: { read: false } })
    second.emulator.importState(snapshot)
    second.emulator.sendV1(text())
    second.emulator.sendV1(template({}, 'promo', '447700900003'))
    await second.emulator.runUntilIdle()
    expect(second.statuses()).toEqual(['Submitted', 'Delivered', 'Failed 7871'])
  })

  it('keeps what users wrote in as long as the store keeps messages: the newest, in the state file too', () => {
    const heard = (t: ReturnType<typeof setup>) =>
      (t.emulator.exportState().channels.whatsapp as { heard: { text: string }[] }).heard.map((h) => h.text)
    const first = setup({ limits: { maxMessages: 2 } })
    for (const text of ['one', 'two', 'three'])
      first.emulator.inject('whatsapp', 'whatsapp', { waid: user, text, appId: app })
    expect(heard(first)).toEqual(['two', 'three'])
    // A file saved with a larger limit is read into the newest that fit this one.
    const snapshot = JSON.parse(JSON.stringify(first.emulator.exportState()))
    const second = setup({ limits: { maxMessages: 1 } })
    second.emulator.importState(snapshot)
    expect(heard(second)).toEqual(['three'])
  })
})

describe('WhatsApp receipts: when a waid recipient’s bsuid is known', () => {
  it('leaves bsuid empty on Submitted, and fills it from Delivered, Read and Failed on', async () => {
    const { emulator, receipts, openWindow } = setup({
      rules: [{ address: '447700900002', outcome: 'failed', channel: 'whatsapp' }],
    })
    openWindow()
    openWindow('447700900002')
    emulator.sendV1({
      ...text(),
      destination: [{ waid: [user, '447700900002'], bsuid: ['IN.b1', 'IN.b2'] }],
    })
    await emulator.runUntilIdle()
    expect(
      receipts().map((r) => [r.deliveryInfo.destination, r.deliveryInfo.deliveryStatus, r.deliveryInfo.bsuid]),
    ).toEqual(
      expect.arrayContaining([
        [user, 'Submitted', ''],
        [user, 'Delivered', 'IN.b1'],
        [user, 'Read', 'IN.b1'],
        ['447700900002', 'Submitted', ''],
        ['447700900002', 'Failed', 'IN.b2'],
      ]),
    )
    expect(receipts()).toHaveLength(5)
  })

  it('reads "failed" and "undelivered" alone as 7713 and 7871, and a waid as normalised only as "CC.digits"', () => {
    expect(parseWaOutcome('failed')).toEqual({ kind: 'failure', code: '7713' })
    expect(parseWaOutcome('undelivered')).toEqual({ kind: 'failure', code: '7871' })
    const { emulator } = setup()
    const { message } = emulator.sendV1(text(['IN.2149372115', 'INX2149372115', 'xIN.2149372115']))
    expect(message.recipients.map((r) => (r as unknown as { waidNormalized: string }).waidNormalized)).toEqual([
      'true',
      'false',
      'false', // the country code starts the waid
    ])
  })
})

describe('WhatsApp manual actions', () => {
  it('reaches a held bsuid as it was written, its case kept, and in any case when no recipient has it exactly', async () => {
    const { emulator, statuses } = setup({
      whatsapp: { enforceWindow: false },
      rules: [{ channel: 'whatsapp', regex: '.*', outcome: 'hold' }],
    } as EmulatorConfigInput)
    const destination = [{ bsuid: ['US.AbC123', 'US.XyZ789'] }]
    const { message } = emulator.sendV1({ ...text(), destination })
    await emulator.runUntilIdle()
    expect(emulator.act(message.messageId, 'US.AbC123', { action: 'deliver' }).address).toBe('US.AbC123')
    expect(emulator.act(message.messageId, 'us.xyz789', { action: 'deliver' }).address).toBe('US.XyZ789')
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Submitted', 'Delivered', 'Delivered'])
  })

  it('refuses an address in another case when it names two ids that differ only in case: two people', async () => {
    const { emulator } = setup({
      whatsapp: { enforceWindow: false },
      rules: [{ channel: 'whatsapp', regex: '.*', outcome: 'hold' }],
    } as EmulatorConfigInput)
    const { message } = emulator.sendV1({ ...text(), destination: [{ bsuid: ['US.abc', 'US.ABC'] }] })
    await emulator.runUntilIdle()
    expect(() => emulator.act(message.messageId, 'us.Abc', { action: 'deliver' })).toThrow(
      /"us.Abc" names 2 recipients .* that differ only in case \(US.abc, US.ABC\)/,
    )
    expect(emulator.act(message.messageId, 'US.ABC', { action: 'deliver' }).address).toBe('US.ABC')
    expect(() => emulator.act(message.messageId, 'US.ABC', { action: 'deliver' })).toThrow(/already/)
    expect(message.recipients.map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
  })

  it('answers for a Messenger psid in mixed case that the channel takes no actions (it was "no recipient")', () => {
    const { emulator } = setup()
    const { message } = emulator.sendV1({
      deliverychannel: 'fb',
      appid: 'app1',
      destination: [{ psid: ['AbC'] }],
      channels: { 'OTT-Messaging': { fb: { text: 'Hi' } } },
    })
    expect(() => emulator.act(message.messageId, 'AbC', { action: 'deliver' })).toThrow(
      'The fb channel takes no manual actions',
    )
    // Nor may a rule hold a Messenger or Apple recipient: nothing could release it.
    for (const channel of ['fb', 'AppleBusinessChat'])
      expect(() => emulator.addRule({ channel, address: 'AbC', outcome: 'hold' })).toThrow(
        `rules[0].outcome "hold" is not an outcome of the ${channel} channel`,
      )
  })
})
