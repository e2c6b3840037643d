import { describe, expect, it } from 'vitest'
import { refusal } from '../../support/refusal.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

// An RCS send as planned and recorded: each number's fate in words (and whether the SMS fallback
// follows), what the record keeps of the content, the schedule and the fallback.

const rcs = (to: string[], extra: Record<string, unknown> = {}) => ({
  channel: 'rcs',
  from: 'a_1570171',
  to: [{ msisdn: to, correlationId: 'first' }],
  content: { type: 'text', text: 'Hi' },
  ...extra,
})
const fallback = { smsFallback: true, smsSenderId: '88979', text: 'Hi (SMS)' }
const suggestion = (i: number) => ({ type: 'reply', displayText: `R${i}`, postbackData: `r${i}` })
const card = (title: string, suggestions: number) => ({
  title,
  media: { url: 'https://cdn.example.test/a.jpg', height: 'MEDIUM' },
  suggestions: Array.from({ length: suggestions }, (_, i) => suggestion(i)),
})

function sent(body: Record<string, unknown>, config = {}) {
  const { emulator } = createTestEmulator(config)
  return emulator.message(emulator.send(body).messageId)! as unknown as Record<string, unknown> & {
    recipients: Array<{ address: string; fate: string; correlationId: string }>
  }
}

describe('RCS: fates', () => {
  it('says when the SMS fallback follows a failure, and not when it does not', () => {
    const message = sent(rcs(['+447911123456', '+447911123457'], { options: fallback }), {
      rules: [{ address: '+447911123457', outcome: 'fail-7010', channel: 'rcs' }],
    })
    expect(message.recipients.map((r) => r.fate)).toEqual([
      'delivered (default)',
      'failed 7010 (rule); then the SMS fallback',
    ])
    const without = sent(rcs(['+447911123457']), {
      rules: [{ address: '+447911123457', outcome: 'fail-7010', channel: 'rcs' }],
    })
    expect(without.recipients[0]!.fate).toBe('failed 7010 (rule)')
  })

  it('fails what is not a phone number with 7321, trims numbers, and plays nothing for an agent event', () => {
    const message = sent(rcs([' +447911123456 ', 'not-a-number']))
    expect(message.recipients.map((r) => [r.address, r.fate])).toEqual([
      ['+447911123456', 'delivered (default)'],
      ['not-a-number', 'failed 7321 (not a phone number)'],
    ])
    const typing = sent(rcs(['+447911123456'], { content: { type: 'agentEvent', event: 'IS_TYPING' } }))
    expect(typing.recipients[0]!.fate).toBe('agent event: no receipts')
    expect(typing).toMatchObject({ contentType: 'agentEvent', event: 'IS_TYPING', suggestions: 0 })
  })

  it('names the templates there are when refusing an unknown one', () => {
    const { emulator } = createTestEmulator({
      rcs: { templates: { welcome: { text: 'Welcome!' }, bye: { text: 'Bye' } } },
    })
    expect(
      refusal(() => emulator.send(rcs(['+447911123456'], { content: undefined, template: { id: 'nope' } }))),
    ).toEqual({
      code: 'invalid_template',
      message: 'Invalid template ID',
      field: 'template.id',
      detail: 'no RCS template "nope" (rcs.templates has welcome, bye)',
    })
    const none = createTestEmulator()
    expect(
      refusal(() => none.emulator.send(rcs(['+447911123456'], { content: undefined, template: { id: 7 } }))).detail,
    ).toBe('no RCS template "7" (rcs.templates has none)')
  })
})

describe('RCS: the message kept', () => {
  it('counts the suggestions of every content type, cards’ own included', () => {
    const media = sent(
      rcs(['+447911123456'], {
        content: {
          type: 'media',
          mediaContentUrl: 'https://a.test/a.jpg',
          suggestions: [suggestion(1), suggestion(2)],
        },
      }),
    )
    expect(media).toMatchObject({ contentType: 'media', mediaUrl: 'https://a.test/a.jpg', suggestions: 2 })
    const standalone = sent(
      rcs(['+447911123456'], {
        content: {
          type: 'standalone',
          richCard: { ...card('One', 2), orientation: 'VERTICAL', thumbnailAlignment: 'LEFT' },
          suggestions: [suggestion(1)],
        },
      }),
    )
    expect(standalone).toMatchObject({ contentType: 'standalone', cards: ['One'], suggestions: 3 })
  })

  it('keeps the text with its substitutions made, the template id, when it expires, and the correlation id', () => {
    const expireAt = '2025-01-01T01:00:00.000Z'
    const message = sent(
      rcs(['+447911123456'], {
        content: { type: 'text', text: 'Hi $(name)' },
        substitutions: { name: 'Ann' },
        expireAt,
      }),
    )
    expect(message).toMatchObject({ text: 'Hi Ann', expiresAt: Date.parse(expireAt), correlationId: 'first' })
    expect(message.recipients[0]!.correlationId).toBe('first')
    const templated = sent(rcs(['+447911123456'], { content: undefined, template: { id: 'welcome' } }), {
      rcs: { templates: { welcome: { text: 'Welcome!' } } },
    })
    expect(templated).toMatchObject({ contentType: 'text', text: 'Welcome!', templateId: 'welcome' })
    expect(sent(rcs(['+447911123456']))).not.toHaveProperty('expiresAt')
  })

  it('keeps the fallback with the request’s notifyUrlAuthId, when there is one', () => {
    const withAuth = sent(
      rcs(['+447911123456'], { options: fallback, notifyUrl: 'https://n.test', notifyUrlAuthId: 'auth-1' }),
    )
    expect(withAuth.fallback).toEqual({ smsSenderId: '88979', text: 'Hi (SMS)', notifyUrlAuthId: 'auth-1' })
    expect(sent(rcs(['+447911123456'], { options: fallback })).fallback).toEqual({
      smsSenderId: '88979',
      text: 'Hi (SMS)',
    })
    expect(sent(rcs(['+447911123456']))).not.toHaveProperty('fallback')
  })
})

describe('RCS: a number’s own substitutions', () => {
  const numbers = (own: Record<string, string>) => [
    { msisdn: ['+447700900010'], substitutions: own },
    { msisdn: ['+447700900011'] },
  ]
  const notCapable = { rules: [{ prefix: '+4477009000', outcome: 'fail-7010', channel: 'rcs' }] }

  it('fill its fallback SMS over the request’s; the number keeps that text only when they change it', async () => {
    const { emulator } = createTestEmulator(notCapable)
    const { messageId } = emulator.send(
      rcs([], {
        to: numbers({ code: '111' }),
        substitutions: { code: '999' },
        content: { type: 'text', text: 'Your code is $(code)' },
        options: { ...fallback, text: 'Code $(code)' },
      }),
    )
    await emulator.runUntilIdle()
    const message = emulator.message(messageId) as unknown as {
      fallback: { text: string }
      recipients: Array<{ fallbackText?: string; fallbackMessageId: string }>
    }
    expect(message.fallback.text).toBe('Code 999')
    expect(message.recipients.map((r) => r.fallbackText)).toEqual(['Code 111', undefined])
    const smsTexts = message.recipients.map((r) => (emulator.message(r.fallbackMessageId) as { text?: string }).text)
    expect(smsTexts).toEqual(['Code 111', 'Code 999'])
  })

  it('fill the fallback SMS of a number failed by hand too', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      rcs([], {
        to: [{ msisdn: ['+447700900901'], substitutions: { code: '111' } }],
        substitutions: { code: '999' },
        options: { ...fallback, text: 'Code $(code)' },
      }),
    )
    emulator.act(messageId, '+447700900901', { action: 'fail' })
    await emulator.runUntilIdle()
    expect((emulator.message(`${messageId}_fallbackrcs`) as { text?: string }).text).toBe('Code 111')
  })

  it('leaving the fallback text blank, have the SMS API refuse the fallback as it refuses a blank text', async () => {
    const { emulator } = createTestEmulator(notCapable)
    const { messageId } = emulator.send(
      rcs([], { to: numbers({ code: ' ' }), substitutions: { code: '1' }, options: { ...fallback, text: '$(code)' } }),
    )
    await emulator.runUntilIdle()
    const { recipients } = emulator.message(messageId) as unknown as {
      recipients: Array<{ fallbackMessageId?: string; fallbackRefused?: string }>
    }
    expect(recipients[0]!.fallbackRefused).toMatch(/^Invalid parameter - content\.text/)
    expect(recipients[1]!.fallbackMessageId).toBeDefined()
  })

  it('are held to the 1024 characters: a text or fallback text they fill past it is refused (7004), naming whose', () => {
    const { emulator } = createTestEmulator()
    const long = { code: 'x'.repeat(1020) }
    const send = (extra: Record<string, unknown>) =>
      refusal(() =>
        emulator.send(
          rcs([], {
            to: numbers(long),
            substitutions: { code: '1' },
            content: { type: 'text', text: 'Code $(code)' },
            ...extra,
          }),
        ),
      )
    expect(send({})).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter - content.text',
      field: 'content.text',
      detail: "with to[0]'s substitutions the text is 1025 characters: at most 1024",
    })
    expect(send({ content: { type: 'text', text: 'Hi' }, options: { ...fallback, text: 'Code $(code)' } })).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter - options.text',
      field: 'options.text',
      detail: "with to[0]'s substitutions the fallback SMS text is 1025 characters: at most 1024",
    })
    expect(emulator.messages()).toHaveLength(0)
  })

  it('leave the words of cards and suggestions as written (D-RCS: "applicable only for the text content type")', () => {
    const message = sent(
      rcs([], {
        to: numbers({ name: 'Ann' }),
        content: {
          type: 'standalone',
          richCard: { ...card('Hi $(name)', 0), orientation: 'VERTICAL', thumbnailAlignment: 'LEFT' },
        },
      }),
    )
    expect(message.cards).toEqual(['Hi $(name)'])
  })
})
