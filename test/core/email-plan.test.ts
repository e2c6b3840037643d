import { describe, expect, it } from 'vitest'
import { countRecipients } from '../../src/core/channels/email/plan.js'
import { refusal } from '../support/refusal.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

// An email send as planned: each recipient's fate in words, its correlation id, which field it came
// from, the recipient limit's two answers, and what the record keeps of the message.

const fates = (addresses: string[], extra: Record<string, unknown> = {}, config = {}) => {
  const { emulator } = createTestEmulator(config)
  const { messageId } = emulator.send(emailTo(addresses, extra))
  return emulator.message(messageId)!.recipients.map((r) => r.fate)
}

describe('email: the plan', () => {
  it('says each fate in words: delivered, slow, out of office, read, clicked, bounce, complaint, held', () => {
    expect(
      fates([
        'a@x.test',
        'b+slow@x.test',
        'c+ooto@x.test',
        'd+read-2@x.test',
        'e+click@x.test',
        'f+bounce-mailboxfull@x.test',
        'g+complaint@x.test',
        'h+hold@x.test',
      ]),
    ).toEqual([
      'delivered (default)',
      'delivered (slow) (magic address)',
      'delivered (out of office) (magic address)',
      'read x2 (magic address)',
      'clicked (magic address)',
      'bounce Transient_MailboxFull (magic address)',
      'complaint abuse (magic address)',
      'held for a manual action (magic address)',
    ])
  })

  it('says what the tracking options take away: no Read, no Clicked, or both', () => {
    const both = { options: { trackOpens: false, trackClicks: false } }
    expect(fates(['a+click@x.test', 'b+read@x.test', 'c@x.test'], both)).toEqual([
      'clicked (magic address); no Read: options.trackOpens is false; no Clicked: options.trackClicks is false',
      'read x1 (magic address); no Read: options.trackOpens is false',
      'delivered (default)',
    ])
    expect(fates(['a+click@x.test'], { options: { trackOpens: false } })).toEqual([
      'clicked (magic address); no Read: options.trackOpens is false',
    ])
    expect(fates(['a+bounce@x.test'], both)).toEqual(['bounce Permanent_General (magic address)'])
  })

  it('holds only the held recipient', () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(emailTo(['a+hold@x.test', 'b@x.test']))
    expect(() => emulator.act(messageId, 'a+hold@x.test', { action: 'deliver' })).not.toThrow()
    expect(refusal(() => emulator.act(messageId, 'b@x.test', { action: 'deliver' })).message).toMatch(
      /^b@x\.test is not waiting for a manual action: its fate is delivered \(default\)/,
    )
  })

  it('gives each to-entry its own correlation id, cc and bcc the first one, every to the first with multipleToRecipients', () => {
    const request = emailTo([], {
      to: [
        { email: ['a@x.test', 'b@x.test'], correlationId: 'one' },
        { email: ['c@x.test'], correlationId: 'two' },
        { email: ['d@x.test'] },
      ],
      cc: ['e@x.test', { email: ['f@x.test', 'g@x.test'] }],
      bcc: [{ email: ['h@x.test'] }],
    })
    const { emulator } = createTestEmulator()
    const sent = emulator.message(emulator.send(request).messageId)!
    expect(sent.recipients.map((r) => [r.address, (r as { field?: string }).field, r.correlationId])).toEqual([
      ['a@x.test', 'to', 'one'],
      ['b@x.test', 'to', 'one'],
      ['c@x.test', 'to', 'two'],
      ['d@x.test', 'to', ''],
      ['e@x.test', 'cc', 'one'],
      ['f@x.test', 'cc', 'one'],
      ['g@x.test', 'cc', 'one'],
      ['h@x.test', 'bcc', 'one'],
    ])
    const multiple = emulator.message(emulator.send({ ...request, multipleToRecipients: true }).messageId)!
    expect(multiple.recipients.map((r) => r.correlationId)).toEqual(Array(8).fill('one'))
    expect(countRecipients(request as never)).toBe(8)
  })

  it('refuses a request past email.recipientLimit, or fails every recipient with "fail-recipients"', () => {
    const five = ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test']
    const { emulator } = createTestEmulator({ email: { recipientLimit: { max: 4 } } })
    expect(refusal(() => emulator.send(emailTo(five)))).toEqual({
      code: 'too_many_destinations',
      message: 'Recipient count exceeds 4',
      field: 'to',
      detail: '5 recipients in to, cc and bcc; an SES asset takes at most 4 per request (email.recipientLimit)',
    })
    expect(() => emulator.send(emailTo(five.slice(0, 4)))).not.toThrow()
    const failing = createTestEmulator({ email: { recipientLimit: { max: 4, answer: 'fail-recipients' } } })
    const { messageId } = failing.emulator.send(emailTo(five))
    const recipients = failing.emulator.message(messageId)!.recipients
    expect(new Set(recipients.map((r) => r.fate))).toEqual(new Set([recipients[0]!.fate]))
    expect(recipients[0]!.fate).toMatch(/^rejected \(\d+\)$/)
    expect(recipients).toHaveLength(5)
  })

  it('records html as html only with an html body, and the message’s callbackData (empty when none)', () => {
    const { emulator } = createTestEmulator()
    const html = emulator.message(emulator.send(emailTo('a@x.test')).messageId)!
    expect(html).toMatchObject({ contentType: 'html', callbackData: 'cb-1', multipleToRecipients: false })
    const htmlWithText = emailTo('a@x.test', {
      content: { type: 'html', subject: 'S', text: 'plain' },
      callbackData: undefined,
    })
    const text = emulator.message(emulator.send(htmlWithText).messageId)!
    expect(text).toMatchObject({ contentType: 'text', callbackData: '' })
  })

  it('starts at sendAt when it is ahead, now when it has passed', async () => {
    const { emulator, clock, sink } = createTestEmulator()
    const later = new Date(clock.now() + 60_000).toISOString()
    emulator.send(emailTo('a@x.test', { sendAt: later }))
    emulator.send(emailTo('b@x.test', { sendAt: new Date(clock.now() - 60_000).toISOString() }))
    const start = clock.now()
    await emulator.runUntilIdle()
    const submitted = sink.filter((r) => r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Submitted')
    expect(submitted.map((r) => [r.payload.deliveryInfoNotification.deliveryInfo.destination, r.at - start])).toEqual([
      ['b@x.test', 0],
      ['a@x.test', 60_000],
    ])
  })
})

describe('email: a contact-policy outcome when the request asks for no check', () => {
  it('plays the default outcome: already bounced when it is "suppressed", delivered when it is a contact-policy one', async () => {
    for (const [defaultOutcome, fate, trail] of [
      ['suppressed', 'rejected (7240)', ['Failed']],
      ['noconsent', 'delivered (magic address)', ['Submitted', 'Delivered']],
      ['bounce', 'bounce Permanent_General (magic address)', ['Submitted', 'Bounce']],
    ] as const) {
      const { emulator } = createTestEmulator({ email: { defaultOutcome } })
      const { messageId } = emulator.send(emailTo('ann+consent-expired@x.test'))
      await emulator.runUntilIdle()
      const [recipient] = emulator.message(messageId)!.recipients
      expect([recipient!.fate, recipient!.receipts.map((r) => r.status)], defaultOutcome).toEqual([fate, trail])
    }
  })
})
