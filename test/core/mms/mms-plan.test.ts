import { describe, expect, it } from 'vitest'
import { createTestEmulator } from '../../support/virtual-emulator.js'

// An MMS send as planned and recorded: fates in words (why no Clicked), correlation ids, and what the
// record keeps of the slides, name, fallback text and expiry.

const slide = (messageText?: string) => ({
  type: 'image',
  mediaUrl: 'https://cdn.example.test/a.jpg',
  ...(messageText === undefined ? {} : { messageText }),
})
const mms = (to: string[], extra: Record<string, unknown> = {}) => ({
  channel: 'mms',
  from: '15550001000',
  to: [{ msisdn: to }],
  content: { subject: 'Sale', attachments: [slide('Hello')] },
  ...extra,
})

function sent(body: Record<string, unknown>) {
  const { emulator } = createTestEmulator()
  return emulator.message(emulator.send(body).messageId)! as unknown as Record<string, unknown> & {
    recipients: Array<{ address: string; fate: string; correlationId: string }>
  }
}

describe('MMS: the plan', () => {
  it('fails what is not a phone number with 7219, saying so', () => {
    expect(sent(mms(['+447911123456', 'nope'])).recipients.map((r) => r.fate)).toEqual([
      'delivered (default)',
      'failed 7219 (not a phone number)',
    ])
  })

  it('says why a clicking number got no Clicked: no link in any slide, or trackClicks not true; finds a link in a later slide', () => {
    const noLink = sent(mms(['+447700900528'], { options: { trackClicks: true } }))
    expect(noLink.recipients[0]!.fate).toMatch(/; no Clicked: no slide text has a link$/)
    const later = { subject: 'Sale', attachments: [slide('Hello'), slide('More at https://brand.test/offer')] }
    const untracked = sent(mms(['+447700900528'], { content: later }))
    expect(untracked.recipients[0]!.fate).toMatch(/; no Clicked: options\.trackClicks is not true$/)
    const tracked = sent(mms(['+447700900528'], { content: later, options: { trackClicks: true } }))
    expect(tracked.recipients[0]!.fate).not.toMatch(/no Clicked/)
  })

  it('takes the request’s correlationId for the message, and for each entry without its own', () => {
    const message = sent(
      mms([], {
        correlationId: 'request',
        to: [{ msisdn: ['+447911123456'], correlationId: 'own' }, { msisdn: ['+447911123457'] }],
      }),
    )
    expect(message.correlationId).toBe('request')
    expect(message.recipients.map((r) => r.correlationId)).toEqual(['own', 'request'])
    const first = sent(mms([], { to: [{ msisdn: ['+447911123456'], correlationId: 'own' }] }))
    expect(first.correlationId).toBe('own')
  })
})

describe('MMS: the message kept', () => {
  it('keeps each slide’s type, media and text with substitutions made, and only what was given', () => {
    const content = {
      subject: 'Sale',
      name: 'spring',
      fallbacktext: 'See the sale',
      attachments: [slide('Hi $(name)'), { type: 'text', messageText: 'Bye' }, slide()],
    }
    const expireAt = '2025-01-01T01:00:00.000Z'
    const message = sent(mms(['+447911123456'], { content, substitutions: { name: 'Ann' }, expireAt }))
    expect(message).toMatchObject({
      subject: 'Sale',
      name: 'spring',
      fallbacktext: 'See the sale',
      expiresAt: Date.parse(expireAt),
    })
    expect(message.slides).toEqual([
      { type: 'image', mediaUrl: 'https://cdn.example.test/a.jpg', messageText: 'Hi Ann' },
      { type: 'text', messageText: 'Bye' },
      { type: 'image', mediaUrl: 'https://cdn.example.test/a.jpg' },
    ])
    expect((message.slides as object[]).map((s) => Object.keys(s))).toEqual([
      ['type', 'mediaUrl', 'messageText'],
      ['type', 'messageText'],
      ['type', 'mediaUrl'],
    ])
    const bare = sent(mms(['+447911123456']))
    for (const key of ['name', 'fallbacktext', 'expiresAt']) expect(bare).not.toHaveProperty(key)
  })

  it('keeps the name and fallback text with the request’s substitutions made, as D-MMS’s sample writes them', () => {
    const content = {
      subject: 'MMS "Hello "check',
      fallbacktext: 'fallback $(mms_parameter1)text as SMS',
      name: 'Internal $(mms_parameter1)Name',
      attachments: [slide('Sample image file')],
    }
    const message = sent(
      mms([], {
        to: [{ msisdn: ['+447911123456'], substitutions: { mms_parameter1: 'own ' } }],
        substitutions: { mms_parameter1: 'spring ' },
        content,
      }),
    )
    expect(message).toMatchObject({ name: 'Internal spring Name', fallbacktext: 'fallback spring text as SMS' })
  })
})

describe('MMS: substitutions per number', () => {
  const content = {
    subject: 'Sale',
    attachments: [
      slide('Hi $(name): https://shop.test/o?u=$(id)'),
      { type: 'text', messageText: 'Bye $(name)' },
      slide(),
    ],
  }
  const request = mms([], {
    content,
    options: { trackClicks: true },
    substitutions: { name: 'all', id: '0' },
    to: [
      { msisdn: ['+447700900528'], substitutions: { name: 'Ann', id: '42' } },
      { msisdn: ['+447700900001'] },
      { msisdn: ['+447700900002'], substitutions: { other: 'x' } },
    ],
  })

  it('fills a number’s slide texts with its to entry’s substitutions over the request’s, as SMS text', () => {
    const message = sent(request) as any
    expect(message.slides.map((s: { messageText?: string }) => s.messageText)).toEqual([
      'Hi all: https://shop.test/o?u=0',
      'Bye all',
      undefined,
    ])
    // Only a number whose own values changed the link keeps its own.
    expect(message.recipients[0].clickLink).toBe('https://shop.test/o?u=42')
    expect(message.recipients[1]).not.toHaveProperty('clickLink')
    expect(message.recipients[2]).not.toHaveProperty('clickLink')
  })

  it("keeps no copy of a number's slides: 1,000 numbers with values of their own over nine full slides stay a small record", () => {
    const { emulator } = createTestEmulator()
    const full = { type: 'text', messageText: `${'x'.repeat(4_000)} $(n)` }
    const { messageId } = emulator.send({
      ...mms([]),
      content: { subject: 'Sale', attachments: Array.from({ length: 9 }, () => full) },
      to: Array.from({ length: 1_000 }, (_, n) => ({
        msisdn: [`+4477009${String(10_000 + n)}`],
        substitutions: { n },
      })),
    })
    expect(JSON.stringify(emulator.message(messageId)).length).toBeLessThan(1_000_000)
  })

  it('refuses a slide its substitutions fill past 4096 characters, as one written past it (7004), without building gigabytes', () => {
    const { emulator } = createTestEmulator()
    const refused = (extra: Record<string, unknown>) => {
      try {
        emulator.send(
          mms(['+447700900001'], { content: { subject: 'S', attachments: [slide('ok'), slide('$(n)')] }, ...extra }),
        )
      } catch (error) {
        return error as { code: string; message: string; detail: string }
      }
      throw new Error('expected a refusal')
    }
    expect(refused({ substitutions: { n: 'x'.repeat(4097) } })).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter: content.attachments[1].messageText',
      detail: "with the request's substitutions the slide's text is 4097 characters: at most 4096",
    })
    expect(
      refused({
        to: [{ msisdn: ['+447700900001'] }, { msisdn: ['+447700900002'], substitutions: { n: 'x'.repeat(5000) } }],
      }),
    ).toMatchObject({ detail: "with to[1]'s substitutions the slide's text is 5000 characters: at most 4096" })
    const huge = { subject: 'S', attachments: [slide('$(n)'.repeat(1000))] }
    expect(refused({ content: huge, substitutions: { n: 'x'.repeat(1_000_000) } })).toMatchObject({
      message: 'Invalid parameter: content.attachments[0].messageText',
      detail: "with the request's substitutions the slide's text is more than 100000 characters: at most 4096",
    })
    expect(emulator.messages()).toHaveLength(0)
  })

  it('reports the link a number got in its Clicked receipt', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send(request)
    await emulator.runUntilIdle()
    const clicked = sink
      .map((r) => r.payload.deliveryInfoNotification.deliveryInfo)
      .filter((info) => info.deliveryStatus === 'Clicked')
    expect(clicked.map((info) => [info.destination, info.Description])).toEqual([
      ['+447700900528', 'https://shop.test/o?u=42|192.0.2.1'],
    ])
  })

  it('clicks the number’s own link when a held number is clicked by hand', async () => {
    const { emulator, sink } = createTestEmulator()
    const held = { ...request, to: [{ msisdn: ['+447700900901'], substitutions: { id: '7' } }] }
    const { messageId } = emulator.send(held)
    await emulator.runUntilIdle()
    emulator.act(messageId, '+447700900901', { action: 'deliver' })
    emulator.act(messageId, '+447700900901', { action: 'click' })
    await emulator.runUntilIdle()
    const descriptions = sink.map((r) => r.payload.deliveryInfoNotification.deliveryInfo.Description)
    expect(descriptions).toContain('https://shop.test/o?u=7|192.0.2.1')
  })
})

describe('MMS: a rule’s contact-policy verdict', () => {
  it('fails a number whose rule says "noconsent" when the request asks for a consent check, and delivers it when not', () => {
    const { emulator } = createTestEmulator({
      rules: [{ address: '+447700900001', outcome: 'noconsent', channel: 'mms' }],
      contactPolicy: { groups: [{ id: 'g' }] },
    })
    const fate = (extra: Record<string, unknown>) =>
      emulator.message(emulator.send(mms(['+447700900001'], extra)).messageId)!.recipients[0]!.fate
    expect(fate({ contactPolicy: { contactPolicyGroup: 'g', channelCheckConsent: true } })).toBe('rejected (9002)')
    expect(fate({})).toBe('delivered (rule)')
  })

  it('plays the default outcome for it when the request asks for no check', () => {
    const { emulator } = createTestEmulator({
      rules: [{ address: '+447700900001', outcome: 'frequency-capped', channel: 'mms' }],
      mms: { defaultOutcome: 'undelivered' },
    })
    const { messageId } = emulator.send(mms(['+447700900001']))
    expect(emulator.message(messageId)!.recipients[0]!.fate).toBe('un-delivered 7208 (rule)')
  })
})
