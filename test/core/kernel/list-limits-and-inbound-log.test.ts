import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { InboundLog, type InboundRecord } from '../../../src/core/kernel/inbound-log.js'
import { checkRoom, configListWithin, listFull, senderIdsSchema } from '../../../src/core/kernel/list-limits.js'

// List caps and the inbound log on their own.

describe('list caps', () => {
  const full = () =>
    listFull('The bounce list', 3, 'email.limits.maxSuppressed', 'remove some (DELETE /_emulator/suppression/:address)')

  it('says the list is full, its limit, the key that raises it and how to make room', () => {
    expect(full()).toMatchObject({
      code: 'conflict',
      message:
        'The bounce list is full: it holds at most 3 entries (email.limits.maxSuppressed); remove some (DELETE /_emulator/suppression/:address), or raise email.limits.maxSuppressed',
    })
  })

  it('refuses only what would go past the limit; adding nothing always fits', () => {
    expect(() => checkRoom(2, 1, 3, full)).not.toThrow()
    expect(() => checkRoom(3, 1, 3, full)).toThrow('The bounce list is full')
    expect(() => checkRoom(1, 3, 3, full)).toThrow('The bounce list is full')
    expect(() => checkRoom(5, 0, 3, full)).not.toThrow()
  })

  it('refuses a config that already lists more, naming the count and the key', () => {
    const schema = z
      .array(z.string())
      .superRefine((list, ctx) =>
        configListWithin(ctx, ['rules'], { count: list.length, what: 'rules' }, 2, 'limits.maxRules'),
      )
    expect(schema.safeParse(['a', 'b']).success).toBe(true)
    expect(schema.safeParse(['a', 'b', 'c']).error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: ['rules'],
        message: '3 rules, more than limits.maxRules allows (2); raise limits.maxRules or list fewer',
      }),
    ])
  })

  it('takes at most 10,000 sender ids', () => {
    const senders = senderIdsSchema(z.string())
    expect(senders.safeParse(Array.from({ length: 10_000 }, (_, i) => `s${i}`)).success).toBe(true)
    expect(senders.safeParse(Array.from({ length: 10_001 }, (_, i) => `s${i}`)).error?.issues[0]?.message).toBe(
      'at most 10000 entries: the emulator lists no more',
    )
  })
})

describe('the inbound log', () => {
  const record = (tid: string): InboundRecord => ({
    tid,
    channel: 'sms',
    event: 'MO',
    from: '+447700900001',
    to: ['88979'],
    subject: 'STOP',
    at: 0,
    ts: '1970-01-01T00:00:00.000Z',
    deliveries: 1,
  })

  it('keeps the newest up to its cap, counting what it forgot, and keeps the count across a clear', () => {
    const log = new InboundLog(2)
    for (const tid of ['t1', 't2', 't3', 't4']) log.add(record(tid))
    expect(log.list().map((r) => r.tid)).toEqual(['t3', 't4'])
    expect([log.size, log.evicted]).toEqual([2, 2])
    log.clear()
    expect([log.size, log.evicted, log.list()]).toEqual([0, 2, []])
    log.add(record('t5'))
    expect([log.size, log.evicted]).toEqual([1, 2])
  })
})
