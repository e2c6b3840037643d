import { describe, expect, it } from 'vitest'
import {
  clickUserAgent,
  firstLink,
  type MailFacts,
  planLifecycle,
  planRejection,
} from '../../src/core/channels/email/lifecycle.js'
import { htmlMail } from '../support/mail-facts.js'

// An email recipient's timeline as the planner writes it, on its own.

const delays = {
  submitted: 100,
  delivered: 1_500,
  bounce: 1_600,
  read: 5_000,
  clicked: 8_000,
  complaint: 10_000,
  slow: 30_000,
  autoReply: 4_000,
}
const html = htmlMail
const text: MailFacts = { ...html, isHtml: false }
const delivered = (extra: Partial<{ reads: number; click: boolean; slow: boolean; autoReply: boolean }> = {}) =>
  ({ kind: 'delivered', reads: 0, click: false, slow: false, autoReply: false, ...extra }) as const

const timeline = (steps: ReadonlyArray<{ kind: string; after: number; effects?: readonly string[] }>) =>
  steps.map((s) => `${s.kind}@${s.after}${s.effects ? ` ${s.effects.join(',')}` : ''}`)

describe('the email lifecycle', () => {
  it('delivers, then reads each time asked (at multiples of the read delay) and clicks, on HTML mail', () => {
    expect(timeline(planLifecycle(delivered({ reads: 2, click: true }), html, delays))).toEqual([
      'submitted@100',
      'delivered@1500',
      'read@5000',
      'read@10000',
      'clicked@10000',
    ])
    expect(planLifecycle(delivered({ click: true }), html, delays).at(-1)).toEqual({
      kind: 'clicked',
      after: 8_000,
      description: 'https://shop.test/a|192.0.2.1',
      additionalInfo: clickUserAgent,
    })
    expect(planLifecycle(delivered(), html, delays)).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      { kind: 'delivered', after: 1_500, description: 'Delivered', additionalInfo: '' },
    ])
  })

  it('reports no Read or Clicked for text mail, or when the request turned tracking off', () => {
    const opens = delivered({ reads: 1, click: true })
    expect(timeline(planLifecycle(opens, text, delays))).toEqual(['submitted@100', 'delivered@1500'])
    expect(timeline(planLifecycle(opens, { ...html, trackOpens: false }, delays))).toEqual([
      'submitted@100',
      'delivered@1500',
      'clicked@8000',
    ])
    expect(timeline(planLifecycle(opens, { ...html, trackClicks: false }, delays))).toEqual([
      'submitted@100',
      'delivered@1500',
      'read@5000',
    ])
  })

  it('delivers slow addresses late, marks an auto-reply, and never runs backwards', () => {
    expect(timeline(planLifecycle(delivered({ slow: true, reads: 1 }), html, delays))).toEqual([
      'submitted@100',
      'delivered@30000',
      'read@30000',
    ])
    expect(timeline(planLifecycle(delivered({ autoReply: true }), text, delays))).toEqual([
      'submitted@100',
      'delivered@1500 autoReply',
    ])
    expect(timeline(planLifecycle(delivered(), text, { ...delays, submitted: 2_000 }))).toEqual([
      'submitted@2000',
      'delivered@2000',
    ])
  })

  it('bounces with the subtype and its SMTP diagnostic; a permanent bounce suppresses the address', () => {
    expect(planLifecycle({ kind: 'bounce', subtype: 'Permanent_General' }, html, delays)).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      {
        kind: 'bounce',
        after: 1_600,
        description: 'Permanent_General',
        additionalInfo: '5.1.1|failed|smtp; 550 5.1.1 user unknown',
        effects: ['suppress'],
      },
    ])
    expect(planLifecycle({ kind: 'bounce', subtype: 'Transient_MailboxFull' }, html, delays)[1]).not.toHaveProperty(
      'effects',
    )
  })

  it('delivers then complains with the feedback type; a held one stops at Submitted', () => {
    expect(timeline(planLifecycle({ kind: 'complaint', feedbackType: 'abuse' }, html, delays))).toEqual([
      'submitted@100',
      'delivered@1500',
      'complaint@10000',
    ])
    expect(planLifecycle({ kind: 'complaint', feedbackType: 'abuse' }, html, delays)[2]!.description).toBe('abuse')
    expect(timeline(planLifecycle({ kind: 'hold' }, html, delays))).toEqual(['submitted@100'])
  })
})

describe('a request-time rejection', () => {
  it('is one receipt at the submitted delay with the vendor’s words for each reason', () => {
    const words = (receipt: Parameters<typeof planRejection>[0]) => planRejection(receipt, html, delays)[0]!.description
    expect(words('invalidAddress')).toBe('Invalid email address')
    expect(words('maxLength')).toBe('Email address max length reached')
    expect(words('alreadyBounced')).toBe('already bounced : ann@customer.test')
    expect(words('unsubscribed')).toBe('unsubscribed : news@brand.test')
    expect(words('notVerified')).toBe('Account in sandbox mode. Destination email address is not verified')
    expect(words('recipientLimit')).toBe('Recipient count exceeds 50')
    expect(words('contactPolicy')).toBe('Recipient has not consented to message')
    expect(planRejection('invalidAddress', html, delays)).toEqual([
      { kind: 'invalidAddress', after: 100, description: 'Invalid email address', additionalInfo: '' },
    ])
  })

  it('a contact-policy failure carries its own code and text', () => {
    expect(
      planRejection('contactPolicy', html, delays, {
        code: '9010',
        description: 'Consent check failed, customer consent expired',
      }),
    ).toEqual([
      {
        kind: 'contactPolicy',
        after: 100,
        description: 'Consent check failed, customer consent expired',
        additionalInfo: '',
        code: '9010',
      },
    ])
  })
})

describe('the click link', () => {
  it('is the first http(s) href of the HTML, quoted either way, else none', () => {
    expect(firstLink('<a href="https://shop.test/a">a</a> <a href="https://shop.test/b">b</a>')).toBe(
      'https://shop.test/a',
    )
    expect(firstLink("<A HREF = 'http://shop.test/x?y=1'>x</A>")).toBe('http://shop.test/x?y=1')
    expect(firstLink('<a href="mailto:ann@x.test">m</a>')).toBeUndefined()
    expect(firstLink('<p>No links</p>')).toBeUndefined()
    expect(firstLink('')).toBeUndefined()
  })

  it("reads tags as a browser's tokenizer does: a no-break space separates nothing, a slash after the name does", () => {
    // A browser reads "a\u00a0href=…" as the tag's name: no anchor, so the next link is the one clicked.
    expect(firstLink('<a\u00a0href="https://shop.test/no">x</a> <a href="https://shop.test/yes">y</a>')).toBe(
      'https://shop.test/yes',
    )
    expect(firstLink('<a\u00a0href="https://shop.test/no">x</a>')).toBeUndefined()
    expect(firstLink('<a/href="https://shop.test/slash">x</a>')).toBe('https://shop.test/slash')
    expect(firstLink('<a\fhref=https://shop.test/ff>x</a>')).toBe('https://shop.test/ff')
    // Nor does a no-break space split a class into words: "x\u00a0no-track-connect" is one class.
    expect(firstLink('<a class="x\u00a0no-track-connect" href="https://shop.test/tracked">t</a>')).toBe(
      'https://shop.test/tracked',
    )
    expect(firstLink('<a href="https://shop.test/a"\u00a0no-track-connect>t</a>')).toBe('https://shop.test/a')
  })

  it('reads an href as the URL parser does: entities first, then only C0 controls and spaces stripped', () => {
    // "&#32;" is a space once decoded, which the URL parser strips: a link to a browser.
    expect(firstLink('<a href="&#32;https://shop.test/entity">x</a>')).toBe('https://shop.test/entity')
    expect(firstLink('<a href="\nhttps://shop.test/nl\t">x</a>')).toBe('https://shop.test/nl')
    expect(firstLink('<a href="https://shop.test/\nsplit">x</a>')).toBe('https://shop.test/split')
    // A no-break space is not stripped: "\u00a0https://…" is a relative URL, no link out.
    expect(firstLink('<a href="\u00a0https://shop.test/no">x</a> <a href="https://shop.test/yes">y</a>')).toBe(
      'https://shop.test/yes',
    )
    expect(firstLink('<a href="&nbsp;https://shop.test/no">x</a>')).toBeUndefined()
  })
})
