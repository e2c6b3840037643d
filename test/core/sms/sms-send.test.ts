import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const sms = (to: string | string[], extra: Record<string, unknown> = {}) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: Array.isArray(to) ? to : [to] }],
  content: { type: 'text', text: 'Hello there' },
  ...extra,
})

function refusal(run: () => unknown): { code: string; message: string; field?: string | undefined; detail?: string } {
  try {
    run()
  } catch (error) {
    if (error instanceof EmulatorError)
      return { code: error.code, message: error.message, field: error.field, detail: error.detail }
    throw error
  }
  throw new Error('expected the request to be refused')
}

const statuses = (sink: { payload: any }[], number: string) =>
  sink
    .map((r) => r.payload.deliveryInfoNotification?.deliveryInfo)
    .filter((info) => info?.destination === number)
    .map((info) => `${info.deliveryStatus} ${info.code}`)

describe('SMS on /v2/messages', () => {
  it('accepts the request a production client sends (APUS) and plays Submitted then Delivered', async () => {
    const { emulator, sink, clock } = createTestEmulator()
    const answer = emulator.send({
      channel: 'sms',
      content: { text: 'Hello there', type: 'text' },
      from: '88979',
      to: [{ msisdn: ['+15557654321'] }],
    })
    expect(answer).toMatchObject({ correlationId: '', status: 'queued' })
    expect(answer.messageId).toMatch(/^[0-9a-f-]{36}$/)
    const start = clock.now()
    await emulator.runUntilIdle()
    expect(statuses(sink, '+15557654321')).toEqual(['Submitted 7501', 'Delivered 7500'])
    expect(sink.map((r) => r.at - start)).toEqual([0, 2000])
    expect(emulator.message(answer.messageId)).toMatchObject({
      channel: 'sms',
      api: 'v2',
      text: 'Hello there',
      encoding: 'GSM-7',
      recipients: [{ address: '+15557654321', messageCount: 1, status: 'Delivered' }],
    })
  })

  it('refuses what the vendor refuses, in its words', () => {
    const { emulator } = createTestEmulator()
    expect(
      refusal(() =>
        emulator.send({ channel: 'sms', to: [{ msisdn: ['+447700900001'] }], content: { type: 'text', text: 'x' } }),
      ),
    ).toMatchObject({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing - from',
    })
    expect(
      refusal(() => emulator.send(sms('+447700900001', { content: { type: 'binary', text: 'x' } }))),
    ).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter - content.type',
    })
    // `text` is "Mandatory": an empty one, or one of only white space, says nothing.
    for (const text of ['', '   ', '\n\t', '\u00a0'])
      expect(
        refusal(() => emulator.send(sms('+447700900001', { content: { type: 'text', text } }))),
        JSON.stringify(text),
      ).toMatchObject({ code: 'invalid_parameter', message: 'Invalid parameter - content.text' })
    expect(refusal(() => emulator.send(sms('+447700900001', { content: undefined })))).toMatchObject({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing - content',
    })
    expect(
      refusal(() => emulator.send(sms('+447700900001', { expireAt: '2030-01-01T00:00:00Z', validity: '60' }))),
    ).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter - validity',
      detail: 'send either "expireAt" or "validity", not both',
    })
    expect(refusal(() => emulator.send(sms('+447700900001', { validity: 259_201 })))).toMatchObject({
      message: 'Invalid parameter - validity',
    })
    expect(refusal(() => emulator.send(sms('+447700900001', { sendAt: 'tomorrow' })))).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter - sendAt',
    })
    expect(emulator.messages()).toHaveLength(0)
  })

  it('schedules up to 7 days ahead and refuses later sendAt and expireAt with 7004', async () => {
    const { emulator, clock, sink } = createTestEmulator()
    const inAWeek = new Date(clock.now() + 7 * 86_400_000).toISOString()
    const tooLate = new Date(clock.now() + 7 * 86_400_000 + 1000).toISOString()
    expect(refusal(() => emulator.send(sms('+447700900001', { sendAt: tooLate })))).toMatchObject({
      message: 'Invalid parameter - sendAt',
    })
    expect(refusal(() => emulator.send(sms('+447700900001', { expireAt: tooLate })))).toMatchObject({
      message: 'Invalid parameter - expireAt',
    })
    emulator.send(sms('+447700900001', { sendAt: inAWeek }))
    await emulator.advance(7 * 86_400_000 - 1)
    expect(sink).toHaveLength(0)
    await emulator.runUntilIdle()
    expect(sink[0]!.at).toBe(Date.parse(inAWeek))
  })

  it('answers 7041 "Number not in +E164 format" on a +E.164 tenant, as the real API did, and takes any routable number otherwise', async () => {
    const strict = createTestEmulator({ sms: { e164: true } })
    expect(refusal(() => strict.emulator.send(sms(['+447700900001', '123'])))).toMatchObject({
      code: 'number_not_e164',
      message: 'Number not in +E164 format',
      field: 'to[0].msisdn[1]',
    })
    expect(refusal(() => strict.emulator.send(sms('447700900001')))).toMatchObject({ code: 'number_not_e164' })
    strict.emulator.sms.setSettings({ e164: false })
    strict.emulator.send(sms('447700900001'))

    const { emulator, sink } = createTestEmulator()
    emulator.send(sms(['123', 'not-a-number']))
    await emulator.runUntilIdle()
    expect(statuses(sink, '123')).toEqual(['Failed 7102'])
    expect(statuses(sink, 'not-a-number')).toEqual(['Failed 7102'])
  })

  it('fills substitutions per destination over the global ones, and takes templates from config (7108 for an unknown id)', async () => {
    const { emulator } = createTestEmulator({
      sms: { templates: { OTP1: { text: 'Code $(code) for $(name)' } } },
    })
    const id = emulator.send({
      channel: 'sms',
      from: '88979',
      template: { id: 'OTP1' },
      substitutions: { code: '1111', '$(name)': 'you' },
      to: [
        { msisdn: ['+447700900001'], substitutions: { '{{name}}': 'Ann' } },
        { msisdn: ['+447700900002'], substitutions: { code: `ééé${'x'.repeat(70)}` } },
      ],
    }).messageId
    const message = emulator.message(id) as any
    expect(message).toMatchObject({ templateId: 'OTP1', text: 'Code $(code) for $(name)' })
    // The second text has 80 characters with é (GSM-7): still one part; the first is short.
    expect(message.recipients.map((r: any) => r.messageCount)).toEqual([1, 1])
    expect(
      refusal(() =>
        emulator.send({ channel: 'sms', from: '1', to: [{ msisdn: ['+447700900001'] }], template: { id: 'nope' } }),
      ),
    ).toMatchObject({
      code: 'invalid_template',
      message: 'Invalid template ID',
    })
  })

  it('counts parts by the vendor table: GSM-7 160/153, extension characters double, UCS-2 70/67', () => {
    const { emulator } = createTestEmulator()
    const parts = (text: string, type = 'text') =>
      (emulator.message(emulator.send(sms('+447700900001', { content: { type, text } })).messageId) as any)
        .recipients[0].messageCount
    expect(parts('a'.repeat(160))).toBe(1)
    expect(parts('a'.repeat(161))).toBe(2)
    expect(parts('a'.repeat(306))).toBe(2)
    expect(parts('a'.repeat(307))).toBe(3)
    expect(parts('€'.repeat(80))).toBe(1)
    expect(parts('€'.repeat(81))).toBe(2)
    expect(parts('a'.repeat(70), 'unicode')).toBe(1)
    expect(parts('a'.repeat(71), 'unicode')).toBe(2)
    expect(parts('👋'.repeat(35))).toBe(1)
    expect(parts('👋'.repeat(36))).toBe(2)
    expect(parts('a'.repeat(134), 'UNICODE')).toBe(2)
    // Spaces around the type are no part of it, as RCS's, MMS's and email's content.type are read.
    expect(parts('a'.repeat(134), ' Unicode\n')).toBe(2)
    expect(parts('a'.repeat(135), 'unicode')).toBe(3)
  })

  it('refuses non-GSM text sent as "text" when sms.nonGsmText is "reject"', () => {
    const { emulator } = createTestEmulator({ sms: { nonGsmText: 'reject' } })
    expect(
      refusal(() => emulator.send(sms('+447700900001', { content: { type: 'text', text: 'Hi 👋' } }))),
    ).toMatchObject({
      message: 'Invalid parameter - content.type',
    })
    emulator.send(sms('+447700900001', { content: { type: 'unicode', text: 'Hi 👋' } }))
  })

  it('plays the test numbers: the last three digits of +44 7700 900NNN name the code, US 555-01NN too', async () => {
    const { emulator, sink } = createTestEmulator()
    const numbers = [
      '+447700900101',
      '+447700900109',
      '+447700900206',
      '+447700900501',
      '+447700900042',
      '+12025550102',
      '+12025550157',
      '07700900102',
    ]
    emulator.send(sms(numbers))
    await emulator.runUntilIdle()
    expect(Object.fromEntries(numbers.map((n) => [n, statuses(sink, n)]))).toEqual({
      '+447700900101': ['Failed 7101'],
      '+447700900109': ['Submitted 7501', 'Un-Delivered 7109'],
      '+447700900206': ['Submitted 7501', 'Un-Delivered 7206'],
      '+447700900501': ['Submitted 7501'],
      '+447700900042': ['Submitted 7501', 'Delivered 7500'],
      '+12025550102': ['Failed 7102'],
      '+12025550157': ['Submitted 7501', 'Un-Delivered 7207'],
      '07700900102': ['Failed 7102'],
    })
    const fates = (emulator.messages()[0] as any).recipients.map((r: any) => r.fate)
    expect(fates[0]).toBe('failed 7101 (test number)')
  })

  it('takes rules by number, prefix and glob, and sms.defaultOutcome, over test numbers', async () => {
    const { emulator, sink } = createTestEmulator({
      rules: [
        { channel: 'sms', number: '+44 7700 900001', outcome: 'sim-full' },
        { prefix: '+33', outcome: 'fail-7283' },
        { channel: 'sms', glob: '+4915*', outcome: 'expired' },
      ],
      sms: { defaultOutcome: 'undelivered' },
    })
    emulator.send(sms(['+447700900001', '+33612345678', '+4915112345678', '+4930123456']))
    await emulator.runUntilIdle()
    expect(statuses(sink, '+447700900001')).toEqual(['Submitted 7501', 'Un-Delivered 7206'])
    expect(statuses(sink, '+33612345678')).toEqual(['Submitted 7501', 'Un-Delivered 7283'])
    expect(statuses(sink, '+4915112345678')).toEqual(['Submitted 7501', 'Un-Delivered 7208'])
    expect(statuses(sink, '+4930123456')).toEqual(['Submitted 7501', 'Un-Delivered 7201'])
    expect(() => createTestEmulator({ sms: { defaultOutcome: 'bounce' } })).toThrow(/sms.defaultOutcome "bounce"/)
    expect(() => createTestEmulator({ rules: [{ channel: 'sms', domain: 'x.test', outcome: 'delivered' }] })).toThrow(
      /sms channel matches on "domain"|matches on "domain"/,
    )
  })

  it('expires a message whose report is due after expireAt or start + validity: Un-Delivered 7208 at the expiry', async () => {
    const { emulator, sink, clock } = createTestEmulator()
    const start = clock.now()
    emulator.send(sms('+447700900801', { validity: '30' })) // slow: delivered after 60 s
    emulator.send(sms('+447700900002', { validity: 30 })) // delivered after 2 s
    emulator.send(sms('+447700900501', { expireAt: new Date(start + 45_000).toISOString() })) // never reported
    emulator.send(sms('+447700900003', { expireAt: new Date(start - 1).toISOString() })) // expired already
    await emulator.runUntilIdle()
    const at = (number: string) =>
      sink
        .filter((r) => r.payload.deliveryInfoNotification.deliveryInfo.destination === number)
        .map((r) => r.at - start)
    expect(statuses(sink, '+447700900801')).toEqual(['Submitted 7501', 'Un-Delivered 7208'])
    expect(at('+447700900801')).toEqual([0, 30_000])
    expect(statuses(sink, '+447700900002')).toEqual(['Submitted 7501', 'Delivered 7500'])
    expect(statuses(sink, '+447700900501')).toEqual(['Submitted 7501', 'Un-Delivered 7208'])
    expect(at('+447700900501')).toEqual([0, 45_000])
    expect(statuses(sink, '+447700900003')).toEqual(['Un-Delivered 7208'])
  })

  it('with sendAt, validity counts from the scheduled start', async () => {
    const { emulator, sink, clock } = createTestEmulator()
    const sendAt = clock.now() + 3_600_000
    emulator.send(sms('+447700900801', { sendAt: new Date(sendAt).toISOString(), validity: '10' }))
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.at - sendAt)).toEqual([0, 10_000])
  })

  it('reports Clicked only for shortened, tracked links, and says why not in the fate', async () => {
    const { emulator, sink } = createTestEmulator()
    const text = { type: 'text', text: 'See https://brand.test/a' }
    const tracked = emulator.send(
      sms('+447700900528', {
        content: text,
        options: { shortenLinks: true, trackClicks: 'true', domain: 'https://s.test' },
      }),
    )
    const untracked = emulator.send(sms('+447700900528', { content: text, options: { trackClicks: true } }))
    await emulator.runUntilIdle()
    const kinds = (id: string) =>
      sink
        .filter((r) => r.payload.deliveryInfoNotification.transid === id)
        .map((r) => r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus)
    expect(kinds(tracked.messageId)).toEqual(['Submitted', 'Delivered', 'Clicked'])
    expect(kinds(untracked.messageId)).toEqual(['Submitted', 'Delivered'])
    expect(emulator.message(untracked.messageId)!.recipients[0]!.fate).toMatch(
      /no Clicked: options.shortenLinks and options.trackClicks/,
    )
  })

  it('filters notifyUrl receipts by requestedReceipts in any case; SENT is SUBMITTED and FAILED takes Un-Delivered', async () => {
    const { emulator, sink } = createTestEmulator({ webhooks: { targets: [] } })
    emulator.send(
      sms(['+447700900001', '+447700900207', '+447700900102'], {
        notifyUrl: 'http://app.test/dr',
        requestedReceipts: ['SENT', 'failed'],
      }),
    )
    await emulator.runUntilIdle()
    expect(
      sink
        .map(
          (r) =>
            `${r.payload.deliveryInfoNotification.deliveryInfo.destination} ${r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus}`,
        )
        .sort(),
    ).toEqual([
      '+447700900001 Submitted',
      '+447700900102 Failed',
      '+447700900207 Submitted',
      '+447700900207 Un-Delivered',
    ])
  })

  it('fails every recipient with 7101 when the sender is not one of sms.senders', async () => {
    const { emulator, sink } = createTestEmulator({ sms: { senders: ['BRAND', '88979'] } })
    emulator.send(sms('+447700900001', { from: 'OTHER' }))
    emulator.send(sms('+447700900002', { from: 'BRAND' }))
    await emulator.runUntilIdle()
    expect(statuses(sink, '+447700900001')).toEqual(['Failed 7101'])
    expect(statuses(sink, '+447700900002')).toEqual(['Submitted 7501', 'Delivered 7500'])
  })

  it('drives a held number by hand: fail with a code, deliver, click; refuses what cannot happen', async () => {
    const { emulator, sink } = createTestEmulator()
    const held = emulator.send(
      sms(['+447700900901', '+447700900902', '+447700900903'], {
        content: { type: 'text', text: 'https://x.test' },
        options: { shortenLinks: true, trackClicks: true },
      }),
    ).messageId
    await emulator.runUntilIdle()
    emulator.act(held, '+447700900901', { action: 'fail', code: 'absent' })
    emulator.act(held, '+447700900902', { action: 'click' })
    emulator.act(held, '+447700900903', { action: 'fail', code: '7102' })
    await emulator.runUntilIdle()
    expect(statuses(sink, '+447700900901')).toEqual(['Submitted 7501', 'Un-Delivered 7207'])
    expect(statuses(sink, '+447700900902')).toEqual(['Submitted 7501', 'Delivered 7500', 'Clicked 7528'])
    expect(statuses(sink, '+447700900903')).toEqual(['Submitted 7501', 'Failed 7102'])
    expect(() => emulator.act(held, '+447700900901', { action: 'deliver' })).toThrow(/already ended Un-Delivered/)
    expect(() => emulator.act(held, '+447700900902', { action: 'fail', code: 'nope' })).toThrow(
      /not an SMS failure code/,
    )
  })

  it('acts on a number named twice in one request copy by copy, and finds a number however it is written', async () => {
    const { emulator, sink } = createTestEmulator()
    const held = emulator.send(sms(['+447700900901', '447700900901', '+447700900902'])).messageId
    await emulator.runUntilIdle()
    // Each action goes to the first copy that can still take it, however each copy was written.
    emulator.act(held, '+447700900901', { action: 'deliver' })
    emulator.act(held, '+447700900901', { action: 'fail', code: 'absent' })
    expect(() => emulator.act(held, '+447700900901', { action: 'deliver' })).toThrow(/was already delivered/)
    // Without its "+", or spaced as people write it: the same number.
    emulator.act(held, '44 7700 900902', { action: 'deliver' })
    await emulator.runUntilIdle()
    expect(emulator.message(held)!.recipients.map((r) => r.status)).toEqual(['Delivered', 'Un-Delivered', 'Delivered'])
    expect(statuses(sink, '+447700900902')).toEqual(['Submitted 7501', 'Delivered 7500'])
  })

  it('survives a snapshot: settings, messages and their SMS fields', async () => {
    const { emulator } = createTestEmulator({ sms: { e164: true } })
    emulator.send(sms('+447700900001'))
    emulator.sms.setSettings({ senders: ['88979'] })
    const saved = JSON.parse(JSON.stringify(emulator.exportState()))
    const other = createTestEmulator().emulator
    other.importState(saved)
    expect(other.sms.settings()).toEqual({ e164: true, senders: ['88979'] })
    expect(other.messages()[0]).toMatchObject({ channel: 'sms', recipients: [{ messageCount: 1 }] })
    other.reset()
    expect(other.sms.settings()).toEqual({ e164: false, senders: [] })
  })
})
