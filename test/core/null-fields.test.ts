import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../src/core/kernel/errors.js'
import { createTestEmulator } from '../support/virtual-emulator.js'

// Clients that write every field of their request type (Jackson, Newtonsoft and System.Text.Json
// by default, a Python dict of Nones) send null for what they do not set; the vendor's Java services
// read a null field as one not sent. Every API reads its request through one runner: these are the
// other three besides /v2/messages email (test/http/vendor-api.test.ts).
const refusal = (send: () => unknown) => {
  try {
    send()
  } catch (error) {
    if (error instanceof EmulatorError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('a null field is one not sent', () => {
  const { emulator } = createTestEmulator({ sms: { senders: ['88979'] }, whatsapp: { apps: ['a_1'] } })

  it('on /v2/messages SMS', () => {
    const { messageId } = emulator.send({
      channel: 'sms',
      from: '88979',
      to: [{ msisdn: ['+447700900123'], correlationId: null, substitutions: null }],
      content: { type: 'text', text: 'Your code: 1234', encoding: null },
      callbackData: null,
      expireAt: null,
      validity: null,
      notifyUrl: null,
    })
    expect(emulator.message(messageId)!.recipients.map((r) => r.address)).toEqual(['+447700900123'])
    expect(
      refusal(() => emulator.send({ channel: 'sms', from: '88979', to: null, content: { type: 'text', text: 'x' } })),
    ).toEqual({ code: 'missing_parameter', message: 'Mandatory parameter missing - to' })
  })

  it('on the Messaging API v1 (WhatsApp)', () => {
    const { message } = emulator.sendV1({
      deliverychannel: 'whatsapp',
      appid: 'a_1',
      correlationid: null,
      callbackData: null,
      destination: [{ waid: ['447700900123'], correlationid: null }],
      channels: { 'OTT-Messaging': { wa: { type: 'text', text: { body: 'Hi', preview_url: null } } } },
    })
    expect(message.recipients).toHaveLength(1)
    expect(
      refusal(() =>
        emulator.sendV1({
          deliverychannel: 'whatsapp',
          appid: null,
          destination: [{ waid: ['447700900123'] }],
          channels: { 'OTT-Messaging': { wa: { type: 'text', text: { body: 'Hi' } } } },
        }),
      ),
    ).toMatchObject({ code: 'missing_parameter' })
  })

  it('on the Send SMS API v1', () => {
    const message = emulator.submit('sms', 'sms-v1', {
      from: '88979',
      to: '+447700900123',
      content: 'Hi',
      contentType: null,
      expireAt: null,
      callbackData: null,
    })
    expect(message.recipients).toHaveLength(1)
    expect(
      refusal(() => emulator.submit('sms', 'sms-v1', { from: '88979', to: '+447700900123', content: null })),
    ).toMatchObject({ code: 'missing_parameter' })
  })
})
