import { describe, expect, it } from 'vitest'
import {
  contactPolicyStep,
  firstLinkIn,
  type PhoneFailureCode,
  type PhoneLifecycleTable,
  planPhoneLifecycle,
  planSmsLifecycle,
} from '../../../src/core/channels/sms/lifecycle.js'

// A phone destination's timeline as the planner writes it: which receipts, when (ms after the
// message starts), with which codes and texts — for every outcome, with and without an expiry.

const delays = { submitted: 100, delivered: 2_000, failed: 500, clicked: 8_000, slow: 60_000 }
const tracked = { link: 'https://shop.test/t/42', tracked: true }
const untracked = { link: 'https://shop.test/t/42', tracked: false }
const delivered = (extra: Partial<{ slow: boolean; click: boolean; read: boolean }> = {}) =>
  ({ kind: 'delivered', slow: false, click: false, read: false, ...extra }) as const

/** `kind@after code` for each step, the way a reader checks a timeline. */
const timeline = (steps: ReadonlyArray<{ kind: string; after: number; code?: string }>) =>
  steps.map((s) => `${s.kind}@${s.after}${s.code ? ` ${s.code}` : ''}`)

describe('the SMS lifecycle', () => {
  it('plays each outcome as its receipts', () => {
    expect(timeline(planSmsLifecycle(delivered(), delays, untracked, undefined))).toEqual([
      'submitted@100',
      'delivered@2000',
    ])
    expect(timeline(planSmsLifecycle(delivered({ slow: true }), delays, untracked, undefined))).toEqual([
      'submitted@100',
      'delivered@60000',
    ])
    expect(timeline(planSmsLifecycle({ kind: 'hold' }, delays, untracked, undefined))).toEqual(['submitted@100'])
    expect(timeline(planSmsLifecycle({ kind: 'submitted' }, delays, untracked, undefined))).toEqual(['submitted@100'])
    // At the operator: a delivery report after Submitted; before it: one receipt, no Submitted.
    expect(timeline(planSmsLifecycle({ kind: 'failure', code: '7207' }, delays, untracked, undefined))).toEqual([
      'submitted@100',
      'undelivered@2000 7207',
    ])
    expect(timeline(planSmsLifecycle({ kind: 'failure', code: '7102' }, delays, untracked, undefined))).toEqual([
      'failed@500 7102',
    ])
  })

  it('writes each receipt’s texts', () => {
    expect(planSmsLifecycle({ kind: 'failure', code: '7207' }, delays, untracked, undefined)).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      {
        kind: 'undelivered',
        after: 2_000,
        code: '7207',
        description: 'Subscriber out of coverage area or not reachable',
        additionalInfo: '',
      },
    ])
    expect(planSmsLifecycle(delivered({ click: true }), delays, tracked, undefined)).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      { kind: 'delivered', after: 2_000, description: 'Delivered', additionalInfo: '' },
      {
        kind: 'clicked',
        after: 8_000,
        description: 'https://shop.test/t/42|192.0.2.1',
        additionalInfo:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36',
      },
    ])
  })

  it('reports a click only when the text has a link and the request shortens and tracks links, and never before Delivered', () => {
    const clickOf = (click: typeof tracked | typeof untracked | { link: undefined; tracked: true }) =>
      timeline(planSmsLifecycle(delivered({ click: true }), delays, click, undefined))
    expect(clickOf(tracked)).toEqual(['submitted@100', 'delivered@2000', 'clicked@8000'])
    expect(clickOf(untracked)).toEqual(['submitted@100', 'delivered@2000'])
    expect(clickOf({ link: undefined, tracked: true })).toEqual(['submitted@100', 'delivered@2000'])
    // A slow number is clicked after it is delivered, not at the click delay.
    expect(timeline(planSmsLifecycle(delivered({ click: true, slow: true }), delays, tracked, undefined))).toEqual([
      'submitted@100',
      'delivered@60000',
      'clicked@60000',
    ])
    // SMS reports no Read, asked for or not.
    expect(timeline(planSmsLifecycle(delivered({ read: true }), delays, tracked, undefined))).toEqual([
      'submitted@100',
      'delivered@2000',
    ])
  })

  it('never runs backwards: a report due before Submitted comes with it', () => {
    const late = { ...delays, submitted: 5_000 }
    expect(timeline(planSmsLifecycle(delivered(), late, untracked, undefined))).toEqual([
      'submitted@5000',
      'delivered@5000',
    ])
    expect(timeline(planSmsLifecycle({ kind: 'failure', code: '7201' }, late, untracked, undefined))).toEqual([
      'submitted@5000',
      'undelivered@5000 7201',
    ])
  })

  it('turns a report due at or after the expiry into 7208, and leaves what comes before it', () => {
    expect(planSmsLifecycle(delivered(), delays, untracked, 1_500)).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      { kind: 'undelivered', after: 1_500, code: '7208', description: 'Message expired', additionalInfo: '' },
    ])
    // Due exactly at the expiry: expired too.
    expect(timeline(planSmsLifecycle(delivered(), delays, untracked, 2_000))).toEqual([
      'submitted@100',
      'undelivered@2000 7208',
    ])
    expect(timeline(planSmsLifecycle(delivered(), delays, untracked, 2_001))).toEqual([
      'submitted@100',
      'delivered@2000',
    ])
    expect(timeline(planSmsLifecycle({ kind: 'failure', code: '7207' }, delays, untracked, 1_000))).toEqual([
      'submitted@100',
      'undelivered@1000 7208',
    ])
    // Expiring before Submitted: expired at Submitted, which steps never precede.
    expect(timeline(planSmsLifecycle(delivered(), { ...delays, submitted: 3_000 }, untracked, 1_000))).toEqual([
      'submitted@3000',
      'undelivered@3000 7208',
    ])
  })

  it('ends a never-reported number at its expiry, and a delivered one is clicked after it', () => {
    expect(timeline(planSmsLifecycle({ kind: 'submitted' }, delays, untracked, 30_000))).toEqual([
      'submitted@100',
      'undelivered@30000 7208',
    ])
    expect(
      timeline(planSmsLifecycle({ kind: 'submitted' }, { ...delays, submitted: 40_000 }, untracked, 30_000)),
    ).toEqual(['submitted@40000', 'undelivered@40000 7208'])
    expect(timeline(planSmsLifecycle({ kind: 'hold' }, delays, untracked, 30_000))).toEqual(['submitted@100'])
    expect(timeline(planSmsLifecycle(delivered({ click: true }), delays, tracked, 5_000))).toEqual([
      'submitted@100',
      'delivered@2000',
      'clicked@8000',
    ])
    // One that expired before its delivery is never clicked.
    expect(timeline(planSmsLifecycle(delivered({ click: true }), delays, tracked, 1_500))).toEqual([
      'submitted@100',
      'undelivered@1500 7208',
    ])
  })

  it('finds the first http or https link of a text, up to a space, quote or angle bracket', () => {
    expect(firstLinkIn('Track it at http://shop.test/t/42 or https://shop.test/t/43')).toBe('http://shop.test/t/42')
    expect(firstLinkIn('See <HTTPS://Shop.test/a?b=c>"')).toBe('HTTPS://Shop.test/a?b=c')
    expect(firstLinkIn("'https://x.test/y' and ftp://z.test")).toBe('https://x.test/y')
    expect(firstLinkIn('no link, not even ftp://z.test')).toBeUndefined()
  })

  it('a contact-policy failure is one Failed receipt with its own code and text, at the failed delay', () => {
    expect(
      contactPolicyStep({ code: '9002', description: 'Recipient has not consented to message' }, { failed: 500 }),
    ).toEqual({
      kind: 'contactPolicy',
      after: 500,
      code: '9002',
      description: 'Recipient has not consented to message',
      additionalInfo: '',
    })
  })

  it('never submits a message that expired before it starts: one 7208 at its start', () => {
    for (const expiresIn of [0, -5_000])
      expect(planSmsLifecycle(delivered(), delays, untracked, expiresIn)).toEqual([
        { kind: 'undelivered', after: 0, code: '7208', description: 'Message expired', additionalInfo: '' },
      ])
  })
})

describe('another phone channel’s lifecycle (its own table)', () => {
  // A table like RCS's: Read after Delivered, an operator report with status Failed, its own
  // expiry code, additional info naming the number.
  const table: PhoneLifecycleTable = {
    codes: new Map<string, PhoneFailureCode>([
      ['8001', { description: 'Refused', status: 'Failed' }],
      ['8002', { description: 'Reported', status: 'Failed', afterSubmitted: true }],
      ['8009', { description: 'Expired', status: 'Failed', afterSubmitted: true, additionalInfo: 'for {number}' }],
    ]),
    expiredCode: '8009',
    read: true,
  }
  const plan = (outcome: Parameters<typeof planPhoneLifecycle>[1], expiresIn?: number, read?: number) =>
    planPhoneLifecycle(table, outcome, { ...delays, read }, tracked, expiresIn, '+447700900001')

  it('reads after Delivered when read or clicked, at its read delay or with Delivered', () => {
    expect(timeline(plan(delivered({ read: true }), undefined, 3_000))).toEqual([
      'submitted@100',
      'delivered@2000',
      'read@3000',
    ])
    expect(timeline(plan(delivered({ click: true })))).toEqual([
      'submitted@100',
      'delivered@2000',
      'read@2000',
      'clicked@8000',
    ])
    expect(timeline(plan(delivered()))).toEqual(['submitted@100', 'delivered@2000'])
    // Read never comes before Delivered; one that expired undelivered is neither read nor clicked.
    expect(timeline(plan(delivered({ read: true, slow: true }), undefined, 3_000))).toEqual([
      'submitted@100',
      'delivered@60000',
      'read@60000',
    ])
    expect(timeline(plan(delivered({ read: true, click: true }), 1_000, 3_000))).toEqual([
      'submitted@100',
      'failed@1000 8009',
    ])
    expect(plan(delivered({ read: true }), undefined, 3_000)[2]).toEqual({
      kind: 'read',
      after: 3_000,
      description: 'Read',
      additionalInfo: '',
    })
  })

  it('a Failed code marked afterSubmitted is a report after Submitted; its expiry fills in the number', () => {
    expect(timeline(plan({ kind: 'failure', code: '8001' }))).toEqual(['failed@500 8001'])
    expect(timeline(plan({ kind: 'failure', code: '8002' }))).toEqual(['submitted@100', 'failed@2000 8002'])
    expect(plan(delivered(), 1_000).at(-1)).toEqual({
      kind: 'failed',
      after: 1_000,
      code: '8009',
      description: 'Expired',
      additionalInfo: 'for +447700900001',
    })
  })
})
