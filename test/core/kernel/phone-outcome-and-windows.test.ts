import { describe, expect, it } from 'vitest'
import { ConversationWindows, userKey } from '../../../src/core/kernel/conversation-windows.js'
import { type CodeTable, describePhoneOutcome, parsePhoneOutcome } from '../../../src/core/kernel/phone-outcome.js'

// The phone outcome grammar and conversation windows on their own.

const table: CodeTable = {
  codes: new Map([
    ['7102', {}],
    ['7201', {}],
    ['7206', {}],
    ['7207', {}],
  ]),
  aliases: new Map([
    ['sim-full', '7206'],
    ['absent', '7207'],
  ]),
  defaults: { failed: '7102', undelivered: '7201' },
}

describe('the phone outcome grammar', () => {
  const delivered = { kind: 'delivered', slow: false, click: false, read: false }

  it('reads every name and its synonyms, in any case and spacing', () => {
    expect(parsePhoneOutcome(' Delivered ', table)).toEqual(delivered)
    expect(parsePhoneOutcome('success', table)).toEqual(delivered)
    expect(parsePhoneOutcome('SLOW', table)).toEqual({ ...delivered, slow: true })
    for (const name of ['click', 'clicked'])
      expect(parsePhoneOutcome(name, table)).toEqual({ ...delivered, click: true, read: true })
    expect(parsePhoneOutcome('read', table)).toEqual({ ...delivered, read: true })
    for (const name of ['submitted', 'stuck']) expect(parsePhoneOutcome(name, table)).toEqual({ kind: 'submitted' })
    for (const name of ['hold', 'manual']) expect(parsePhoneOutcome(name, table)).toEqual({ kind: 'hold' })
    for (const name of ['failed', 'fail'])
      expect(parsePhoneOutcome(name, table)).toEqual({ kind: 'failure', code: '7102' })
    for (const name of ['undelivered', 'un-delivered'])
      expect(parsePhoneOutcome(name, table)).toEqual({ kind: 'failure', code: '7201' })
  })

  it('reads a code bare or prefixed, and a short name, when the table has the code', () => {
    for (const name of ['7207', 'fail-7207', 'failed-7207', 'undelivered-7207', 'Un-Delivered-7207', 'absent'])
      expect(parsePhoneOutcome(name, table), name).toEqual({ kind: 'failure', code: '7207' })
    expect(parsePhoneOutcome('sim-full', table)).toEqual({ kind: 'failure', code: '7206' })
    for (const name of ['7999', 'fail-7999', 'fail-72070', 'fail 7207', 'x-7207', '72077', 'nonsense', ''])
      expect(parsePhoneOutcome(name, table), name).toBeUndefined()
  })

  it('reads the contact-policy outcomes before anything else', () => {
    expect(parsePhoneOutcome(' No-Consent ', table)).toEqual({ kind: 'contact', verdict: 'noConsent' })
    expect(parsePhoneOutcome('capped', table)).toEqual({ kind: 'contact', verdict: 'frequencyCapped' })
  })

  it('describes each outcome in words', () => {
    const statusOf = (code: string) => (code === '7102' ? 'Failed' : 'Un-Delivered')
    const describe = (name: string) => describePhoneOutcome(parsePhoneOutcome(name, table)!, statusOf)
    expect(describe('delivered')).toBe('delivered')
    expect(describe('slow')).toBe('delivered (slow)')
    expect(describe('read')).toBe('read')
    expect(describe('click')).toBe('clicked')
    expect(describe('submitted')).toBe('submitted, never delivered')
    expect(describe('hold')).toBe('held for a manual action')
    expect(describe('failed')).toBe('failed 7102')
    expect(describe('absent')).toBe('un-delivered 7207')
    expect(describe('consent-expired')).toBe('contact policy: consentExpired')
  })
})

describe('conversation windows', () => {
  const hour = 3_600_000
  const day = 24 * hour

  it('keys a phone number by its digits and any other id as written, trimmed', () => {
    expect(userKey('+44 7700 900123')).toBe('447700900123')
    expect(userKey('(020) 7946-0000')).toBe('02079460000')
    expect(userKey(' US.1234abcd ')).toBe('US.1234abcd')
  })

  it('is open from a user’s latest inbound message for the window’s length, per app, under any of the user’s ids', () => {
    const windows = new ConversationWindows()
    windows.open('bistro', ['+44 7700 900123', 'US.bsuid1'], 1_000)
    expect(windows.closesAt('bistro', ['447700900123'], 1_000 + day - 1, day)).toBe(1_000 + day)
    expect(windows.closesAt('bistro', ['US.bsuid1'], 2_000, day)).toBe(1_000 + day)
    expect(windows.closesAt('bistro', ['447700900123'], 1_000 + day, day)).toBeUndefined()
    expect(windows.closesAt('other-app', ['447700900123'], 2_000, day)).toBeUndefined()
    expect(windows.closesAt('bistro', ['447700900999'], 2_000, day)).toBeUndefined()
    // Writing in again renews it; the latest of a person's ids counts.
    windows.open('bistro', ['US.bsuid1'], 5 * hour)
    expect(windows.lastInbound('bistro', ['447700900123', 'US.bsuid1'])).toBe(5 * hour)
    expect(windows.lastInbound('bistro', ['US.bsuid1', '447700900123'])).toBe(5 * hour)
    expect(windows.lastInbound('bistro', ['', 'nobody'])).toBeUndefined()
    expect(windows.size).toBe(2)
  })

  it('skips empty ids, lists windows as the control API shows them, and survives a snapshot', () => {
    const windows = new ConversationWindows()
    windows.open('bistro', ['', '447700900123'], 0)
    expect(windows.size).toBe(1)
    const format = (ms: number) => `t${ms}`
    expect(windows.list(day - 1, day, format)).toEqual([
      { appId: 'bistro', user: '447700900123', lastInboundAt: 't0', closesAt: `t${day}`, open: true },
    ])
    expect(windows.list(day, day, format)[0]!.open).toBe(false)
    const saved = windows.snapshot()
    expect(saved).toEqual([{ appId: 'bistro', user: '447700900123', at: 0 }])
    const restored = new ConversationWindows()
    restored.open('other', ['x'], 5)
    restored.restore(saved)
    expect(restored.snapshot()).toEqual(saved)
    restored.clear()
    expect(restored.size).toBe(0)
  })

  it('keeps any characters of app ids and user ids apart, in its list and through a snapshot', () => {
    const windows = new ConversationWindows()
    const pairs = [
      ['a\nb', 'c'],
      ['a', 'b\nc'],
      ['3:x', 'y'],
      ['', 'z'],
      ['app:1', '12:ab'],
    ] as const
    for (const [i, [appId, user]] of pairs.entries()) windows.open(appId, [user], i)
    expect(windows.list(0, day, String).map((w) => [w.appId, w.user])).toEqual(pairs)
    const restored = new ConversationWindows()
    restored.restore(windows.snapshot())
    for (const [i, [appId, user]] of pairs.entries()) expect(restored.lastInbound(appId, [user])).toBe(i)
  })

  it('forgets the user who wrote in longest ago once it holds 100,000 windows', () => {
    const windows = new ConversationWindows()
    for (let i = 0; i < 100_000; i++) windows.open('app', [`u${i}`], i)
    windows.open('app', ['u0'], 200_000) // writes in again: now the newest
    windows.open('app', ['new'], 200_001)
    expect(windows.size).toBe(100_000)
    expect(windows.lastInbound('app', ['u0'])).toBe(200_000)
    expect(windows.lastInbound('app', ['u1'])).toBeUndefined()
    expect(windows.lastInbound('app', ['u2'])).toBe(2)
  })
})
