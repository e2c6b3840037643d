import { describe, expect, it } from 'vitest'
import { durationMs } from '../../src/core/kernel/duration.js'
import { refusal } from '../support/refusal.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

// A refusal names the field and says why in its `detail` (the API answer's description): one case
// for each rule of a channel's request schema that only a refinement checks, where the vendor's
// code and message alone would not tell a developer what to change.

const to = [{ msisdn: ['+447700900001'] }]

describe('refusals name the field and say why', () => {
  const { emulator } = createTestEmulator({ whatsapp: { apps: ['wa1'] } })

  it('RCS: neither content nor template; an SMS fallback without its sender id', () => {
    expect(refusal(() => emulator.send({ channel: 'rcs', from: 'a_1570171', to }))).toMatchObject({
      field: 'content',
      detail: 'send either "content" or "template"',
    })
    const fallback = { smsFallback: true, text: 'Your table is ready (SMS).' }
    const rcs = { channel: 'rcs', from: 'a_1570171', to, content: { type: 'text', text: 'Hi' }, options: fallback }
    expect(refusal(() => emulator.send(rcs))).toEqual({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing - options.smsSenderId',
      field: 'options.smsSenderId',
      detail: 'options.smsSenderId is mandatory when options.smsFallback is true',
    })
  })

  it('MMS: a slide with neither text nor media', () => {
    const mms = { channel: 'mms', from: '15550001000', to, content: { subject: 'S', attachments: [{ type: 'image' }] } }
    expect(refusal(() => emulator.send(mms))).toEqual({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing: content.attachments[0].mediaUrl',
      field: 'content.attachments[0].mediaUrl',
      detail: 'a slide has a messageText, a mediaUrl or both',
    })
  })

  it('email: an html body missing for type "html"', () => {
    expect(refusal(() => emulator.send(emailTo('ann@x.test', { content: { type: 'html', subject: 'S' } })))).toEqual({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing - content.html',
      field: 'content.html',
      detail: 'mandatory when type is "html"',
    })
  })

  it('/v2/messages: a channel it does not serve, listing those it does', () => {
    expect(refusal(() => emulator.send({ channel: 'fax', to }))).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter - channel',
      field: 'channel',
      detail: 'this emulator serves "email", "sms", "mms", "rcs"',
    })
  })

  it('WhatsApp: a template the tenant does not have, listing those it has', () => {
    const send = { deliverychannel: 'whatsapp', appid: 'wa1', destination: [{ waid: ['447700900001'] }] }
    expect(refusal(() => emulator.sendV1({ ...send, message: { template: 'nope' } }))).toEqual({
      code: 'invalid_template',
      message: 'Invalid template ID',
      field: 'message.template',
      detail: 'no WhatsApp template "nope" (whatsapp.templates has none)',
    })
  })

  it('config: an SMS default outcome that is not one, and a duration past a year', () => {
    expect(refusal(() => createTestEmulator({ sms: { defaultOutcome: 'bogus' } }))).toMatchObject({
      code: 'invalid_config',
      field: 'sms.defaultOutcome',
    })
    expect(refusal(() => createTestEmulator({ webhooks: { retryDelay: '367d' } }))).toMatchObject({
      code: 'invalid_config',
      field: 'webhooks.retryDelay',
      message: expect.stringContaining('is longer than 366 days'),
    })
    expect(createTestEmulator({ webhooks: { retryDelay: '366d' } }).emulator).toBeDefined()
  })

  it('the control API: a rate limit that is not one, naming the field', () => {
    expect(refusal(() => emulator.setRateLimit({ perSecond: -1 }))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^Invalid rate limit at "perSecond": /),
      field: 'perSecond',
    })
  })

  it("a caller's duration (advance, within): not one, or past a year, naming what it was for", () => {
    expect(durationMs('366d', 'advance')).toBe(366 * 86_400_000)
    expect(refusal(() => durationMs('367d', 'advance'))).toMatchObject({
      code: 'invalid_request',
      message: 'advance: "367d" is longer than 366 days, the longest duration the emulator takes',
    })
    expect(refusal(() => durationMs('soon', 'within')).message).toMatch(/^within: "soon" is not a duration/)
  })
})
