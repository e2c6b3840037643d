import { describe, expect, it } from 'vitest'
import { createApiMeter } from '../../../src/core/kernel/api-meter.js'
import { findMessages } from '../../../src/core/kernel/find-messages.js'
import type { BaseMessage } from '../../../src/core/kernel/message-store.js'

// The API meter and the control API's message listing, on their own.

const day = 86_400_000
/** Rate-limit settings as the config gives them (how a refusal is answered does not matter here). */
const limits = (set: { perSecond?: number; perDay?: number } = {}) => ({ answer: 'gateway' as const, ...set })
const may1 = Date.UTC(2025, 4, 1)

describe('the API meter', () => {
  it('advertises the recorded limits when none is configured, and never refuses', () => {
    const meter = createApiMeter(limits())
    for (let i = 0; i < 40; i++) expect(meter.admit(1_000, may1 + 5).admitted).toBe(true)
    expect(meter.admit(1_000, may1 + 5)).toEqual({
      admitted: true,
      headers: {
        'x-rate-limit-limit': '30',
        'x-rate-limit-remaining': '0',
        'x-quota-limit-limit': '10000000',
        'x-quota-limit-remaining': '9999959',
        'x-quota-limit-reset': '2025-05-02T00:00:00.000Z',
      },
    })
    expect(meter.counts()).toEqual({ admitted: 41, rateLimited: 0, quotaExhausted: 0 })
  })

  it('refuses past perSecond until the wall second turns, saying how long to wait', () => {
    const meter = createApiMeter(limits({ perSecond: 2 }))
    expect(meter.admit(5_100, may1).admitted).toBe(true)
    const second = meter.admit(5_900, may1)
    expect(second).toMatchObject({ admitted: true, headers: { 'x-rate-limit-remaining': '0' } })
    expect(meter.admit(5_999, may1)).toEqual({ admitted: false, limit: 'rate', retryAfterMs: 1 })
    expect(meter.admit(6_000, may1)).toMatchObject({ admitted: true, headers: { 'x-rate-limit-remaining': '1' } })
    expect(meter.counts()).toEqual({ admitted: 3, rateLimited: 1, quotaExhausted: 0 })
  })

  it('refuses past perDay until the emulated day turns at midnight UTC; a refused request counts against neither', () => {
    const meter = createApiMeter(limits({ perDay: 2, perSecond: 10 }))
    meter.admit(0, may1 + 10)
    expect(meter.admit(0, may1 + 20)).toMatchObject({ headers: { 'x-quota-limit-remaining': '0' } })
    expect(meter.admit(0, may1 + day - 1)).toEqual({ admitted: false, limit: 'quota', retryAfterMs: 1 })
    expect(meter.admit(0, may1 + day)).toMatchObject({
      admitted: true,
      headers: {
        'x-quota-limit-remaining': '1',
        'x-rate-limit-remaining': '7',
        'x-quota-limit-reset': '2025-05-03T00:00:00.000Z',
      },
    })
    expect(meter.counts()).toEqual({ admitted: 3, rateLimited: 0, quotaExhausted: 1 })
  })

  it('takes new limits at once, keeping this second’s and today’s counts', () => {
    const meter = createApiMeter(limits())
    meter.admit(0, may1)
    meter.admit(0, may1)
    meter.set(limits({ perSecond: 2 }))
    expect(meter.config()).toEqual({ answer: 'gateway', perSecond: 2 })
    expect(meter.admit(0, may1)).toMatchObject({ admitted: false, limit: 'rate' })
    const counts = meter.counts()
    counts.admitted = 99
    expect(meter.counts().admitted).toBe(2)
  })
})

describe('the message listing', () => {
  const message = (id: string, acceptedAt: number, extra: Partial<BaseMessage> = {}): BaseMessage =>
    ({
      messageId: id,
      channel: 'email',
      acceptedAt,
      from: 'News@Brand.test',
      recipients: [{ address: `${id}@customer.test`, correlationId: '', fate: '', status: 'Delivered', receipts: [] }],
      ...extra,
    }) as BaseMessage
  const oldestFirst = [
    message('m1', 1),
    message('m2', 2, { channel: 'sms', from: '88979' }),
    message('m3', 3),
    message('m4', 4, {
      recipients: [{ address: 'ann@x.test', correlationId: '', fate: '', status: 'Bounce', receipts: [] }],
    }),
    message('m5', 5),
  ]
  const ids = (page: { messages: BaseMessage[] }) => page.messages.map((m) => m.messageId)

  it('lists newest first, a page at a time, with a cursor to the next page and the total', () => {
    const first = findMessages(oldestFirst, { limit: 2 })
    expect([ids(first), first.total, first.nextCursor]).toEqual([['m5', 'm4'], 5, 'm4'])
    const second = findMessages(oldestFirst, { limit: 2, cursor: 'm4' })
    expect([ids(second), second.nextCursor]).toEqual([['m3', 'm2'], 'm2'])
    const last = findMessages(oldestFirst, { limit: 2, cursor: 'm2' })
    expect([ids(last), last.nextCursor]).toEqual([['m1'], null])
    expect(findMessages(oldestFirst, { limit: 5 }).nextCursor).toBeNull()
    expect(oldestFirst.map((m) => m.messageId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
  })

  it('filters by channel, recipient (part of an address, any case), sender, status and time, inclusively', () => {
    expect(ids(findMessages(oldestFirst, { limit: 9, channel: 'sms' }))).toEqual(['m2'])
    expect(ids(findMessages(oldestFirst, { limit: 9, recipient: ' ANN@ ' }))).toEqual(['m4'])
    expect(ids(findMessages(oldestFirst, { limit: 9, sender: 'news@brand.TEST' }))).toEqual(['m5', 'm4', 'm3', 'm1'])
    expect(ids(findMessages(oldestFirst, { limit: 9, status: 'Bounce' }))).toEqual(['m4'])
    expect(ids(findMessages(oldestFirst, { limit: 9, since: 2, until: 4 }))).toEqual(['m4', 'm3', 'm2'])
    const filtered = findMessages(oldestFirst, { limit: 1, channel: 'email' })
    expect([ids(filtered), filtered.total, filtered.nextCursor]).toEqual([['m5'], 4, 'm5'])
  })

  it('refuses a cursor that is not in the listing, saying what to pass', () => {
    expect(() => findMessages(oldestFirst, { limit: 2, cursor: 'nope' })).toThrow(
      'Invalid query at "cursor": no message "nope" in this listing (use the nextCursor of the previous page, with the same filters)',
    )
    expect(() => findMessages(oldestFirst, { limit: 2, channel: 'sms', cursor: 'm1' })).toThrow(/no message "m1"/)
  })
})
