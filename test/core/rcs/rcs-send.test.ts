import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const rcs = (to: string | string[], extra: Record<string, unknown> = {}) => ({
  channel: 'rcs',
  from: 'a_1570171',
  to: [{ msisdn: Array.isArray(to) ? to : [to] }],
  content: { type: 'text', text: 'Your table is ready.' },
  ...extra,
})

const fallback = { smsFallback: true, smsSenderId: '88979', text: 'Your table is ready (SMS).' }

function refusal(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (error instanceof EmulatorError) return { code: error.code, message: error.message, field: error.field }
    throw error
  }
  throw new Error('expected the request to be refused')
}

const card = (title: string, suggestions = 0) => ({
  title,
  media: { url: 'https://cdn.example.test/a.jpg', height: 'MEDIUM' },
  suggestions: Array.from({ length: suggestions }, (_, i) => ({ type: 'reply', displayText: `R${i}` })),
})
const replies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'reply', displayText: `R${i}`, postbackData: `r${i}` }))

const trail = (sink: { payload: any }[]) =>
  sink.map((r) => {
    const info = r.payload.deliveryInfoNotification.deliveryInfo
    return `${info.deliveryChannel} ${info.deliveryStatus} ${info.code}`
  })

describe('RCS on /v2/messages', () => {
  it('plays Submitted then Delivered for a capable number, and records what was sent', async () => {
    const { emulator, sink } = createTestEmulator()
    const answer = emulator.send(
      rcs('+447700900001', { content: { type: 'text', text: 'Hi', suggestions: replies(2) } }),
    )
    expect(answer).toMatchObject({ status: 'queued', correlationId: '' })
    await emulator.runUntilIdle()
    expect(trail(sink)).toEqual(['rcs Submitted 7501', 'rcs Delivered 7500'])
    expect(emulator.message(answer.messageId)).toMatchObject({
      channel: 'rcs',
      contentType: 'text',
      text: 'Hi',
      suggestions: 2,
      recipients: [{ address: '+447700900001', status: 'Delivered' }],
    })
  })

  it('takes every documented content type: media, rich card, carousel, agent events, template', async () => {
    const { emulator } = createTestEmulator({ rcs: { templates: { welcome: { text: 'Welcome!' } } } })
    const sent = [
      { type: 'media', mediaContentUrl: 'https://asset.example.test/asset.jpg', fileSize: 120534 },
      {
        type: 'standalone',
        richCard: {
          title: 'Table for two',
          orientation: 'VERTICAL',
          thumbnailAlignment: 'LEFT',
          media: { url: 'https://asset.example.test/a.jpg', height: 'TALL', filesize: 1 },
          suggestions: replies(4),
        },
      },
      { type: 'carousel', width: 'MEDIUM', cards: [card('One', 2), card('Two'), card('Three')] },
      { type: 'agentEvent', event: 'IS_TYPING' },
      { type: 'agentEvent', event: 'READ', messageId: 'abc' },
    ].map((content) => emulator.send(rcs('+447700900001', { content })).messageId)
    const template = emulator.send(rcs('+447700900001', { content: undefined, template: { id: 'welcome' } })).messageId
    await emulator.runUntilIdle()
    expect(sent.map((id) => (emulator.message(id) as any).contentType)).toEqual([
      'media',
      'standalone',
      'carousel',
      'agentEvent',
      'agentEvent',
    ])
    expect(emulator.message(sent[2]!)).toMatchObject({ cards: ['One', 'Two', 'Three'], suggestions: 2 })
    // Agent events are not messages a handset reports on: no receipts.
    expect(emulator.message(sent[3]!)!.recipients[0]!.receipts).toEqual([])
    expect(emulator.message(template)).toMatchObject({ contentType: 'text', text: 'Welcome!', templateId: 'welcome' })
  })

  it('reads content.type and a suggestion’s type in any case, as SMS reads its content.type', () => {
    const { emulator } = createTestEmulator()
    const sent = [
      { type: 'TEXT', text: 'Hi', suggestions: [{ type: 'REPLY', displayText: 'Yes' }] },
      { type: 'Media', mediaContentUrl: 'https://asset.example.test/asset.jpg' },
      { type: 'carousel', width: 'SMALL', cards: [card('One'), card('Two')] },
      { type: ' AGENTEVENT ', event: 'IS_TYPING' },
      {
        type: 'text',
        text: 'Hi',
        suggestions: [{ type: 'openurl', displayText: 'Go', url: 'https://brand.test/' }],
      },
    ].map((content) => emulator.message(emulator.send(rcs('+447700900001', { content })).messageId) as any)
    expect(sent.map((m) => m.contentType)).toEqual(['text', 'media', 'carousel', 'agentEvent', 'text'])
    expect(sent.map((m) => m.suggestions)).toEqual([1, 0, 0, 0, 1])
  })

  it('refuses what breaks the documented limits, naming the field (400 7003/7004)', () => {
    const { emulator } = createTestEmulator()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ content: { type: 'text', text: 'x'.repeat(1025) } }, 'invalid_parameter', 'content.text'],
      [{ content: { type: 'text', text: 'Hi', suggestions: replies(11) } }, 'invalid_parameter', 'content.suggestions'],
      [{ content: { type: 'carousel', width: 'SMALL', cards: [card('Only')] } }, 'invalid_parameter', 'content.cards'],
      [
        { content: { type: 'carousel', width: 'SMALL', cards: Array.from({ length: 11 }, (_, i) => card(`C${i}`)) } },
        'invalid_parameter',
        'content.cards',
      ],
      [
        { content: { type: 'carousel', width: 'SMALL', cards: [card('One', 3), card('Two')] } },
        'invalid_parameter',
        'content.cards[0].suggestions',
      ],
      [
        {
          content: {
            type: 'standalone',
            richCard: { title: 'T', orientation: 'VERTICAL', thumbnailAlignment: 'LEFT', suggestions: replies(5) },
          },
        },
        'invalid_parameter',
        'content.richCard.suggestions',
      ],
      [
        { content: { type: 'carousel', width: 'HUGE', cards: [card('1'), card('2')] } },
        'invalid_parameter',
        'content.width',
      ],
      [{ content: { type: 'agentEvent', event: 'READ' } }, 'missing_parameter', 'content.messageId'],
      [{ content: { type: 'fax', text: 'Hi' } }, 'invalid_parameter', 'content.type'],
      [{ options: { smsFallback: true, text: 'x' } }, 'missing_parameter', 'options.smsSenderId'],
      [{ options: { smsFallback: true, smsSenderId: '88979' } }, 'missing_parameter', 'options.text'],
      [{ options: { ...fallback, text: 'x'.repeat(1025) } }, 'invalid_parameter', 'options.text'],
      // A text of only white space says nothing, as an empty one.
      [{ content: { type: 'text', text: '' } }, 'invalid_parameter', 'content.text'],
      [{ content: { type: 'text', text: ' \n ' } }, 'invalid_parameter', 'content.text'],
      [{ options: { ...fallback, text: '   ' } }, 'invalid_parameter', 'options.text'],
      [
        { content: { type: 'text', text: 'Hi', suggestions: [{ type: 'openUrl', displayText: 'Go' }] } },
        'missing_parameter',
        'content.suggestions[0].url',
      ],
    ]
    for (const [extra, code, field] of cases)
      expect(
        refusal(() => emulator.send(rcs('+447700900001', extra))),
        JSON.stringify(extra),
      ).toMatchObject({ code, field })
    expect(
      refusal(() => emulator.send(rcs('+447700900001', { content: { type: 'text', text: 'x'.repeat(1025) } }))),
    ).toMatchObject({
      message: 'Invalid parameter - content.text',
    })
  })

  it('refuses a calendar event that ends before it starts, naming its endTime (400 7004); one of no length is taken', () => {
    const { emulator } = createTestEmulator()
    const event = (startTime: string, endTime?: string) => ({
      content: {
        type: 'text',
        text: 'Your table is booked.',
        suggestions: [
          replies(1)[0],
          { type: 'calendarEvent', displayText: 'Add', meetingTitle: 'Dinner', startTime, endTime },
        ],
      },
    })
    expect(
      refusal(() => emulator.send(rcs('+447700900001', event('2025-01-02T19:00:00Z', '2025-01-02T18:59:59Z')))),
    ).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter - content.suggestions[1].endTime',
      field: 'content.suggestions[1].endTime',
    })
    // Compared as instants: 19:30 at +01:00 is 18:30Z, before 19:00Z.
    expect(
      refusal(() => emulator.send(rcs('+447700900001', event('2025-01-02T19:00:00Z', '2025-01-02T19:30:00+01:00')))),
    ).toMatchObject({ field: 'content.suggestions[1].endTime' })
    expect(refusal(() => emulator.send(rcs('+447700900001', event('2025-01-02T19:00:00Z'))))).toMatchObject({
      code: 'missing_parameter',
      field: 'content.suggestions[1].endTime',
    })
    for (const endTime of ['2025-01-02T19:00:00Z', '2025-01-02T21:00:00+01:00'])
      expect(emulator.send(rcs('+447700900001', event('2025-01-02T19:00:00Z', endTime))).status).toBe('queued')
  })

  it('refuses a text its substitutions fill past 1024 characters, as one written past it (7004), without building gigabytes', () => {
    const { emulator } = createTestEmulator()
    expect(
      refusal(() =>
        emulator.send(
          rcs('+447700900001', {
            content: { type: 'text', text: 'Hi $(n)' },
            substitutions: { n: 'x'.repeat(1022) },
          }),
        ),
      ),
    ).toEqual({ code: 'invalid_parameter', message: 'Invalid parameter - content.text', field: 'content.text' })
    expect(
      refusal(() =>
        emulator.send(
          rcs('+447700900001', {
            content: { type: 'text', text: '$(n)'.repeat(250) },
            substitutions: { n: 'x'.repeat(1_000_000) },
          }),
        ),
      ),
    ).toMatchObject({ field: 'content.text' })
    expect(emulator.messages()).toHaveLength(0)
  })

  it('refuses an app id the tenant does not have (400 7104 "Invalid app ID") and an unknown template (7108)', () => {
    const { emulator } = createTestEmulator({ rcs: { apps: ['a_1570171'] } })
    expect(refusal(() => emulator.send(rcs('+447700900001', { from: 'a_other' })))).toEqual({
      code: 'invalid_app_id',
      message: 'Invalid app ID',
      field: 'from',
    })
    expect(
      refusal(() => emulator.send(rcs('+447700900001', { content: undefined, template: { id: 'nope' } }))),
    ).toMatchObject({
      code: 'invalid_template',
    })
  })

  it('decides capability per number: test numbers, rules and the default outcome', async () => {
    const { emulator, sink } = createTestEmulator({
      rcs: { defaultOutcome: 'not-capable' },
      rules: [{ channel: 'rcs', prefix: '+4915', outcome: 'delivered' }],
    })
    emulator.send(rcs(['+447700900001', '+447700900323', '+4915112345678', '+33612345678']))
    await emulator.runUntilIdle()
    const byNumber = (n: string) =>
      sink
        .filter((r) => r.payload.deliveryInfoNotification.deliveryInfo.destination === n)
        .map((r) => r.payload.deliveryInfoNotification.deliveryInfo.code)
    expect(byNumber('+447700900001')).toEqual(['7501', '7500'])
    expect(byNumber('+447700900323')).toEqual(['7323'])
    expect(byNumber('+4915112345678')).toEqual(['7501', '7500'])
    expect(byNumber('+33612345678')).toEqual(['7010'])
  })

  it('expires a message not delivered by expireAt with Failed 7301, after Submitted', async () => {
    const { emulator, sink, clock } = createTestEmulator()
    emulator.send(rcs('+447700900801', { expireAt: new Date(clock.now() + 10_000).toISOString() }))
    await emulator.runUntilIdle()
    expect(trail(sink)).toEqual(['rcs Submitted 7501', 'rcs Failed 7301'])
  })
})

describe('RCS SMS fallback (options.smsFallback)', () => {
  it('sends the fallback SMS for a number that cannot take RCS, as transid_fallbackrcs, through the SMS lifecycle', async () => {
    const { emulator, sink } = createTestEmulator({ sms: { senders: ['88979'] } })
    const { messageId } = emulator.send(
      rcs('+447700900010', {
        options: fallback,
        callbackData: 'cb-7',
        to: [{ msisdn: ['+447700900010'], correlationId: 'c-1' }],
      }),
    )
    await emulator.runUntilIdle()
    expect(trail(sink)).toEqual(['rcs Failed 7010', 'SMS Submitted 7501', 'SMS Delivered 7500'])
    const sms = emulator.message(`${messageId}_fallbackrcs`)
    expect(sms).toMatchObject({
      channel: 'sms',
      from: '88979',
      text: 'Your table is ready (SMS).',
      callbackData: 'cb-7',
      recipients: [{ address: '+447700900010', correlationId: 'c-1', status: 'Delivered' }],
    })
    expect(sink[1]!.payload.deliveryInfoNotification).toMatchObject({
      transid: `${messageId}_fallbackrcs`,
      callbackData: 'cb-7',
      correlationid: 'c-1',
    })
    expect(emulator.message(messageId)!.recipients[0]).toMatchObject({ fallbackMessageId: `${messageId}_fallbackrcs` })
  })

  it('asks the fallback SMS for the requested receipts SMS has (Read is RCS only); a failed RCS receipt has no subtid', async () => {
    const { emulator, sink } = createTestEmulator()
    const { messageId } = emulator.send(
      rcs('+447700900010', { options: fallback, requestedReceipts: ['Delivered', 'Read', 'Failed'] }),
    )
    await emulator.runUntilIdle()
    expect(emulator.message(`${messageId}_fallbackrcs`)).toMatchObject({ requestedReceipts: ['delivered', 'failed'] })
    expect(sink[0]!.payload.deliveryInfoNotification).toMatchObject({
      deliveryInfo: { deliveryStatus: 'Failed', code: '7010' },
      subtid: '',
      transid: messageId,
    })
  })

  it('sends none without smsFallback, and none for a delivered number', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send(rcs('+447700900010'))
    emulator.send(rcs('+447700900001', { options: fallback }))
    await emulator.runUntilIdle()
    expect(trail(sink).sort()).toEqual(['rcs Delivered 7500', 'rcs Failed 7010', 'rcs Submitted 7501'])
    expect(emulator.messages().map((m) => m.channel)).toEqual(['rcs', 'rcs'])
  })

  it('falls back on an async failure too, unless rcs.fallbackOn is "capability"', async () => {
    for (const [fallbackOn, expected] of [
      ['failure', ['rcs Submitted 7501', 'rcs Failed 7307', 'SMS Submitted 7501', 'SMS Delivered 7500']],
      ['capability', ['rcs Submitted 7501', 'rcs Failed 7307']],
    ] as const) {
      const { emulator, sink } = createTestEmulator({ rcs: { fallbackOn } })
      emulator.send(rcs('+447700900307', { options: fallback }))
      await emulator.runUntilIdle()
      expect(trail(sink), fallbackOn).toEqual(expected)
    }
  })

  it('gives each number of a multi-number request its own fallback id, and plays its own SMS fate', async () => {
    const { emulator, sink } = createTestEmulator()
    const { messageId } = emulator.send(rcs(['+447700900010', '+447700900001', '+447700900010'], { options: fallback }))
    await emulator.runUntilIdle()
    expect(emulator.message(`${messageId}_fallbackrcs`)).toBeDefined()
    expect(emulator.message(`${messageId}_2_fallbackrcs`)).toBeDefined()
    expect(emulator.messages().filter((m) => m.channel === 'sms')).toHaveLength(2)
    expect(trail(sink).filter((t) => t.startsWith('SMS Delivered'))).toHaveLength(2)
  })

  it('records why the fallback could not be sent when the SMS API refuses it (+E.164 tenant)', async () => {
    const { emulator } = createTestEmulator({ sms: { e164: true } })
    const { messageId } = emulator.send(rcs('447700900010', { options: fallback }))
    await emulator.runUntilIdle()
    expect(emulator.message(messageId)!.recipients[0]).toMatchObject({
      fallbackRefused: expect.stringMatching(/^Number not in \+E164 format/),
    })
    expect(emulator.messages()).toHaveLength(1)
  })
})

describe('RCS state', () => {
  it('keeps the app ids in the state file and puts them back', () => {
    const first = createTestEmulator({ rcs: { apps: ['a_1'] } }).emulator
    const snapshot = first.exportState()
    expect((snapshot as any).channels.rcs).toEqual({ apps: ['a_1'] })
    const second = createTestEmulator().emulator
    second.importState({ ...snapshot, channels: { ...(snapshot as any).channels, rcs: { apps: ['a_9'] } } })
    expect(refusal(() => second.send(rcs('+447700900001', { from: 'a_1' })))).toMatchObject({ code: 'invalid_app_id' })
    expect(() => second.send(rcs('+447700900001', { from: 'a_9' }))).not.toThrow()
  })
})

describe('RCS manual actions', () => {
  it('delivers a held number by hand, and a held number failed by hand gets its SMS fallback', async () => {
    const { emulator, sink } = createTestEmulator()
    const held = emulator.send(rcs('+447700900901')).messageId
    const failing = emulator.send(rcs('+447700900902', { options: fallback })).messageId
    await emulator.runUntilIdle()
    emulator.act(held, '+447700900901', { action: 'deliver' })
    emulator.act(failing, '+447700900902', { action: 'fail', code: 'not-capable' })
    await emulator.runUntilIdle()
    expect(emulator.message(held)!.recipients[0]!.status).toBe('Delivered')
    expect(emulator.message(`${failing}_fallbackrcs`)).toMatchObject({ channel: 'sms' })
    // The fallback goes to the same number, which the SMS grammar holds too (9NN).
    expect(trail(sink)).toEqual([
      'rcs Submitted 7501',
      'rcs Submitted 7501',
      'rcs Delivered 7500',
      'rcs Failed 7010',
      'SMS Submitted 7501',
    ])
    expect(() => emulator.act(held, '+447700900901', { action: 'click' })).toThrow(/RCS reports no clicks|not waiting/)
    expect(() => emulator.act(failing, '+447700900902', { action: 'fail', code: '7999' })).toThrow()
  })
})
