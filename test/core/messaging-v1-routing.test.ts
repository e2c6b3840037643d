import { describe, expect, it } from 'vitest'
import { refusal } from '../support/refusal.js'
import { createTestEmulator } from '../support/virtual-emulator.js'

// The Messaging API v1's front door (src/core/apis/v1-messaging.ts): which channel `deliverychannel`
// names, in its words when it names none, and the correlationid the answer carries.

const whatsapp = (extra: Record<string, unknown>) => ({
  deliverychannel: 'whatsapp',
  appid: 'a_1',
  destination: [{ waid: ['447700900001'], correlationid: 'from-destination' }],
  channels: { 'OTT-Messaging': { wa: { type: 'text', text: { body: 'Hi' } } } },
  ...extra,
})

describe('the Messaging API v1: deliverychannel and correlationid', () => {
  it('answers a blank deliverychannel with the vendor’s 7003 text and the channels it serves', () => {
    const { emulator } = createTestEmulator({ whatsapp: { apps: ['a_1'] } })
    expect(refusal(() => emulator.sendV1(whatsapp({ deliverychannel: '  ' })))).toEqual({
      code: 'missing_parameter',
      message: 'No destination channel information found in request',
      field: 'deliverychannel',
      detail: expect.stringMatching(/^one of .*whatsapp/),
    })
  })

  it('reads deliverychannel in any case, with spaces around it', () => {
    const { emulator } = createTestEmulator({ whatsapp: { apps: ['a_1'], enforceWindow: false } })
    expect(emulator.sendV1(whatsapp({ deliverychannel: ' WhatsApp ' })).message.channel).toBe('whatsapp')
  })

  it('answers with the request’s correlationid, else (absent or empty) the first destination’s', () => {
    const { emulator } = createTestEmulator({ whatsapp: { apps: ['a_1'], enforceWindow: false } })
    const answer = (extra: Record<string, unknown>) => emulator.sendV1(whatsapp(extra)).correlationid
    expect(answer({ correlationid: 'mine' })).toBe('mine')
    for (const correlationid of [undefined, ''])
      expect(answer({ correlationid }), String(correlationid)).toBe('from-destination')
  })
})

describe('the Messaging API v1: blank recipient ids', () => {
  const config = {
    whatsapp: { apps: ['a_1'], enforceWindow: false },
    fb: { apps: ['a_fb'], enforceWindow: false },
    AppleBusinessChat: { apps: ['a_amb'] },
  }
  const fb = (psid: unknown[]) => ({
    deliverychannel: 'fb',
    appid: 'a_fb',
    destination: [{ psid }],
    channels: { 'OTT-Messaging': { fb: { text: 'Hi' } } },
  })
  const apple = (abcUserId: unknown[]) => ({
    deliverychannel: 'AppleBusinessChat',
    appid: 'a_amb',
    destination: [{ abcUserId }],
    channels: { AppleBusinessChat: { type: 'text', text: 'Hi' } },
  })
  const noDestination = 'any one of [customerid,msisdn,email, userid,pushid,psid, etc.] is mandatory'

  it('refuses a blank waid, psid or abcUserId with the vendor’s 7003 text: it is a recipient with no address', () => {
    const { emulator } = createTestEmulator(config)
    for (const body of [
      whatsapp({ destination: [{ waid: [''] }] }),
      whatsapp({ destination: [{ waid: ['447700900001', ' '] }] }),
      whatsapp({ destination: [{ waid: ['447700900001'], bsuid: ['', ''] }] }),
      fb(['1368028456544331', '']),
      apple([' ']),
    ])
      expect(
        refusal(() => emulator.sendV1(body)),
        JSON.stringify(body.destination),
      ).toMatchObject({
        code: 'missing_parameter',
        message: noDestination,
      })
  })

  it('takes a blank waid with a bsuid beside it as that bsuid’s user (a sample filled from variables)', () => {
    const { emulator } = createTestEmulator(config)
    const { message } = emulator.sendV1(whatsapp({ destination: [{ waid: [''], bsuid: ['IN.2146020959550167'] }] }))
    expect(message.recipients.map((r) => r.address)).toEqual(['IN.2146020959550167'])
  })
})

describe('the Messaging API v1: blank message texts', () => {
  const config = {
    whatsapp: { apps: ['a_1'], enforceWindow: false },
    fb: { apps: ['a_fb'], enforceWindow: false },
    AppleBusinessChat: { apps: ['a_amb'] },
  }
  const wa = (session: Record<string, unknown>) => whatsapp({ channels: { 'OTT-Messaging': { wa: session } } })
  const list = (bodyText: string) => ({
    type: 'list',
    list: {
      body: { text: bodyText },
      action: { button: 'Pick', sections: [{ title: 'S', rows: [{ id: 'r1', title: 'One' }] }] },
    },
  })
  const reply = (bodyText: string) => ({
    type: 'button',
    reply: {
      body: { text: bodyText },
      action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
    },
  })
  const fb = (text: string) => ({
    deliverychannel: 'fb',
    appid: 'a_fb',
    destination: [{ psid: ['1368028456544331'] }],
    channels: { 'OTT-Messaging': { fb: { text } } },
  })
  const apple = (text: string) => ({
    deliverychannel: 'AppleBusinessChat',
    appid: 'a_amb',
    destination: [{ abcUserId: ['u-1'] }],
    channels: { AppleBusinessChat: { type: 'text', text } },
  })

  it('refuses a text of only white space as each channel refuses an empty one: it says nothing', () => {
    const { emulator } = createTestEmulator(config)
    for (const [name, make] of [
      ['WhatsApp text', (t: string) => wa({ type: 'text', text: { body: t } })],
      ['WhatsApp list body', (t: string) => wa(list(t))],
      ['WhatsApp reply-button body', (t: string) => wa(reply(t))],
      ['Messenger text', fb],
      ['Apple text', apple],
    ] as const) {
      const empty = refusal(() => emulator.sendV1(make('')))
      expect(empty, `${name} ""`).toMatchObject({ code: expect.stringMatching(/^(missing|invalid)_parameter$/) })
      for (const blank of ['   ', '\t\n', '\u3000'])
        expect(
          refusal(() => emulator.sendV1(make(blank))),
          `${name} ${JSON.stringify(blank)}`,
        ).toEqual(empty)
    }
  })

  it('keeps a text with spaces around its words as written', () => {
    const { emulator } = createTestEmulator(config)
    const text = (body: Record<string, unknown>) => (emulator.sendV1(body).message as { text?: string }).text
    expect(text(wa({ type: 'text', text: { body: '  Hi  ' } }))).toBe('  Hi  ')
    expect(text(fb(' Hi '))).toBe(' Hi ')
    expect(text(apple(' Hi '))).toBe(' Hi ')
  })
})
