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
