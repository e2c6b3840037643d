import { describe, expect, it } from 'vitest'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { refusal } from '../../support/refusal.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

// A WhatsApp send on the Messaging API v1 as planned: which user each recipient is (waid, bsuid, or
// both), the fate in words and who decided it, the failures a message earns before any rule, and
// what the record keeps of the message.

const app = 'a_1'
const config: EmulatorConfigInput = {
  whatsapp: {
    apps: [app],
    enforceWindow: false,
    templates: { order_update: { parameters: ['movie'] }, promo: { parameters: [], category: 'marketing' } },
  },
}
const session = (wa: Record<string, unknown> = { type: 'text', text: { body: 'Hi' } }) => ({
  channels: { 'OTT-Messaging': { wa } },
})

function send(destination: unknown[], extra: Record<string, unknown> = session(), more: EmulatorConfigInput = {}) {
  const { emulator } = createTestEmulator({ ...config, ...more, whatsapp: { ...config.whatsapp, ...more.whatsapp } })
  const { message } = emulator.sendV1({ deliverychannel: 'whatsapp', appid: app, destination, ...extra })
  return message as unknown as {
    recipients: Array<Record<string, unknown> & { address: string; fate: string; correlationId: string }>
    [key: string]: unknown
  }
}

describe('WhatsApp v1: who each recipient is', () => {
  it('pairs waids with bsuids by position; a bsuid past the waids is a recipient of its own, named by its field', () => {
    const message = send([
      { waid: ['IN.2149372115', '447700900001'], bsuid: ['b-1', 'b-2', 'b-3'], correlationid: 'mine' },
      { bsuid: ['b-4'] },
      { waid: ['IN.21-49'] },
    ])
    expect(
      message.recipients.map((r) => [r.address, r.waid, r.bsuid, r.destinationType, r.waidNormalized, r.index]),
    ).toEqual([
      ['IN.2149372115', 'IN.2149372115', 'b-1', 'waid', 'true', 0],
      ['447700900001', '447700900001', 'b-2', 'waid', 'false', 1],
      ['b-3', '', 'b-3', 'bsuid', 'false', 2],
      ['b-4', '', 'b-4', 'bsuid', 'false', 3],
      ['IN.21-49', 'IN.21-49', '', 'waid', 'false', 4],
    ])
    expect(message.recipients.map((r) => r.correlationId)).toEqual(['mine', 'mine', 'mine', '', ''])
  })

  it('takes a destination’s correlationId (either spelling) over the request’s', () => {
    const message = send([{ waid: ['1'], correlationId: 'camel' }, { waid: ['2'] }], {
      ...session(),
      correlationid: 'request',
    })
    expect(message.recipients.map((r) => r.correlationId)).toEqual(['camel', 'request'])
    expect(message.correlationId).toBe('request')
  })
})

describe('WhatsApp v1: fates', () => {
  it('says each outcome in words, and who decided it: rule, test number or default', () => {
    const rules = [
      { address: '1', outcome: 'unread' },
      { address: '2', outcome: 'submitted' },
      { address: '3', outcome: 'slow' },
      { address: '4', outcome: 'hold' },
      { address: '5', outcome: 'fail-7713' },
      { address: '6', outcome: 'no-consent' },
    ]
    const message = send([{ waid: ['1', '2', '3', '4', '5', '6', '447700900710', '7'] }], session(), {
      rules: rules.map((r) => ({ ...r, channel: 'whatsapp' })),
    } as EmulatorConfigInput)
    expect(message.recipients.map((r) => r.fate)).toEqual([
      'delivered, never read (rule)',
      'submitted, never delivered (rule)',
      'delivered (slow) (rule)',
      'held for a manual action (rule)',
      'failed 7713 (rule)',
      // WhatsApp has no contact policy: a contact-policy outcome plays the default.
      'delivered (rule)',
      'failed 7710 (test number)',
      'delivered (default)',
    ])
    const submitting = send([{ waid: ['6'] }], session(), {
      rules: [{ address: '6', outcome: 'no-consent', channel: 'whatsapp' }],
      whatsapp: { defaultOutcome: 'submitted' },
    } as EmulatorConfigInput)
    expect(submitting.recipients[0]!.fate).toBe('submitted, never delivered (rule)')
  })

  it('fails every recipient alike for what the message earns: an unknown template (7849), a missing parameter (7804)', () => {
    const unknown = send([{ waid: ['1', '2'] }], { message: { template: 'nope' } }, {
      whatsapp: { unknownTemplate: 'receipt' },
    } as EmulatorConfigInput)
    expect(unknown.recipients.map((r) => r.fate)).toEqual(
      Array(2).fill('failed 7849 (no template "nope" (whatsapp.unknownTemplate "receipt"))'),
    )
    // A name Object.prototype has is no template either (it was looked up there: a 500).
    for (const name of ['constructor', 'hasOwnProperty', 'toString'])
      expect(
        send([{ waid: ['1'] }], { message: { template: name } }, {
          whatsapp: { unknownTemplate: 'receipt' },
        } as EmulatorConfigInput).recipients[0]!.fate,
      ).toBe(`failed 7849 (no template "${name}" (whatsapp.unknownTemplate "receipt"))`)
    const missing = send([{ waid: ['1'] }], { message: { template: 'order_update', parameters: {} } })
    expect(missing.recipients[0]!.fate).toBe('failed 7804 (missing parameters movie)')
    const given = send([{ waid: ['1'] }], { message: { template: 'order_update', parameters: { movie: 'X' } } })
    expect(given.recipients[0]!.fate).toBe('delivered (default)')
  })

  it('fails a list of 11 sections with 7819, in the words of the code table', () => {
    const row = { id: 'r', title: 'Row' }
    const list = (sections: number) =>
      session({
        type: 'list',
        list: {
          body: { text: 'Pick' },
          action: {
            button: 'Choose',
            sections: Array.from({ length: sections }, (_, i) => ({ title: `S${i}`, rows: [row] })),
          },
        },
      })
    expect(send([{ waid: ['1'] }], list(11)).recipients[0]!.fate).toMatch(/^failed 7819 \(.+\)$/)
    expect(send([{ waid: ['1'] }], list(10)).recipients[0]!.fate).toBe('delivered (default)')
  })

  it('fails a session message outside the window with 7710, saying which window', () => {
    const message = send([{ waid: ['447700900001'] }], session(), {
      whatsapp: { enforceWindow: true },
    } as EmulatorConfigInput)
    expect(message.recipients[0]!.fate).toBe(
      'failed 7710 (no inbound message from 447700900001 to a_1 in the last 24 h)',
    )
  })
})

describe('WhatsApp v1: the message kept', () => {
  it('a session message: its type, text and shown content; a template: its id, and no text', () => {
    const image = send(
      [{ waid: ['1'] }],
      session({ type: 'image', image: { url: 'https://x.test/a.png', caption: 'Look' } }),
    )
    expect(image).toMatchObject({ api: 'messaging-v1', appId: app, kind: 'session', type: 'image' })
    expect(image.shown).toBeDefined()
    expect(image).not.toHaveProperty('templateId')
    const templated = send([{ waid: ['1'] }], { message: { template: 'order_update', parameters: { movie: 'X' } } })
    expect(templated).toMatchObject({ kind: 'template', type: 'template', text: '', templateId: 'order_update' })
    expect(templated).not.toHaveProperty('shown')
  })

  it('keeps at most 4,096 characters of a text (the rest fails with 7714)', () => {
    const long = send([{ waid: ['1'] }], session({ type: 'text', text: { body: 'x'.repeat(5_000) } }))
    expect((long.text as string).length).toBe(4_096)
    expect(long.recipients[0]!.fate).toMatch(/^failed 7714 /)
  })
})

describe('WhatsApp v1: list and reply-button messages D-WA describes', () => {
  const refused = (wa: Record<string, unknown>) => refusal(() => send([{ waid: ['447700900001'] }], session(wa)))
  const rows = (id: string) => [{ id, title: `Row ${id}` }]
  const list = (sections: unknown[]) => ({
    type: 'list',
    list: { body: { text: 'Pick one' }, action: { button: 'Menu', sections } },
  })
  const reply = (header: Record<string, unknown>) => ({
    type: 'reply',
    reply: {
      header,
      body: { text: 'Still coming?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
    },
  })

  it('refuses a list of several sections where one has no title ("Required if … more than one section")', () => {
    expect(refused(list([{ title: 'Mains', rows: rows('1') }, { rows: rows('2') }]))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'title' missing for channel whatsapp",
      field: 'channels.OTT-Messaging.wa.list.action.sections.1.title',
    })
    expect(send([{ waid: ['1'] }], session(list([{ rows: rows('1') }]))).recipients).toHaveLength(1)
  })

  it('refuses a reply-button header without the text or media its type names', () => {
    expect(refused(reply({ type: 'image' }))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'image' missing for channel whatsapp",
    })
    expect(refused(reply({ type: 'text' }))).toMatchObject({ message: "param 'text' missing for channel whatsapp" })
    expect(refused(reply({ type: 'document', document: { filename: 'a.pdf' } }))).toMatchObject({
      code: 'invalid_parameter',
      message: "invalid value of param 'document'",
    })
    for (const header of [
      { type: 'text', text: 'Your order' },
      { type: 'video', video: { url: 'https://x.test/a.mp4', provider: { name: 'p' } } },
      // D-WA's own reply sample: a media header whose url is a "" placeholder.
      { type: 'image', image: { url: '' } },
    ])
      expect(send([{ waid: ['1'] }], session(reply(header))).recipients).toHaveLength(1)
  })
})

describe('WhatsApp v1: location messages', () => {
  const location = (latitude: unknown, longitude: unknown) =>
    session({ type: 'location', location: { latitude, longitude, name: 'Bistro' } })

  it('refuses coordinates that name no place: not a number, or past ±90 / ±180', () => {
    for (const [latitude, longitude, param] of [
      ['abc', 0, 'latitude'],
      [0, '', 'longitude'],
      [0, '0x10', 'longitude'],
      [91, 0, 'latitude'],
      [0, -180.5, 'longitude'],
    ] as const)
      expect(
        refusal(() => send([{ waid: ['1'] }], location(latitude, longitude))),
        param,
      ).toMatchObject({
        code: 'invalid_parameter',
        message: `invalid value of param '${param}'`,
      })
  })

  it('takes numbers, and numbers written as strings, as D-WA’s sample and text-keeping clients send them', () => {
    for (const [latitude, longitude] of [
      [0.0, 0.0],
      ['17.434901060022', '78.398435572505'],
      [-90, 180],
    ])
      expect(send([{ waid: ['1'] }], location(latitude, longitude)).recipients).toHaveLength(1)
  })
})
