import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../src/core/kernel/duration.js'
import { createIdSource } from '../../src/core/kernel/ids.js'
import { createTimestampFormatter } from '../../src/core/kernel/time-format.js'
import { VirtualClock } from '../../src/core/kernel/virtual-clock.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

describe('virtual clock', () => {
  it('fires timers in timestamp order, same-time timers in scheduling order', () => {
    const clock = new VirtualClock(0)
    const fired: string[] = []
    clock.schedule(20, () => fired.push('b'))
    clock.schedule(10, () => fired.push('a'))
    clock.schedule(20, () => fired.push('c'))
    const cancelled = clock.schedule(15, () => fired.push('x'))
    clock.cancel(cancelled)
    while (clock.step(100));
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(clock.now()).toBe(20)
  })

  it('refuses advance() on a clock that cannot be stepped, with a clear error', async () => {
    const { createEngine } = await import('../../src/core/emulator.js')
    const { parseConfig } = await import('../../src/core/parse-config.js')
    const realish = { now: () => 0, schedule: () => 0, cancel: () => undefined } // a Clock that cannot be stepped
    const emulator = createEngine({
      config: parseConfig({}),
      clock: realish,
      seed: 1,
      transport: async () => ({ status: 200, latencyMs: 0 }),
    })
    await expect(emulator.advance(10)).rejects.toThrow(/cannot be moved by hand/)
  })
})

describe('timestamps', () => {
  it('renders the tenant time zone offset with milliseconds', () => {
    expect(createTimestampFormatter('Asia/Kolkata')(Date.UTC(2023, 1, 6, 22, 21, 3, 311))).toBe(
      '2023-02-07T03:51:03.311+05:30',
    )
    expect(createTimestampFormatter('UTC')(Date.UTC(2024, 0, 1, 0, 0, 0, 5))).toBe('2024-01-01T00:00:00.005Z')
    expect(createTimestampFormatter('America/New_York')(Date.UTC(2024, 8, 5, 4, 3, 1, 708))).toBe(
      '2024-09-05T00:03:01.708-04:00',
    )
  })

  it('refuses an unknown time zone', () => {
    expect(() => createTimestampFormatter('Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/)
  })

  it('uses the configured zone in receipts and in the 201 answer', async () => {
    const { emulator, sink } = createTestEmulator({ timeZone: 'Asia/Kolkata' })
    const response = emulator.send(emailTo('ann@a.test'))
    await emulator.runUntilIdle()
    expect(response.requestTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+05:30$/)
    expect(sink[0]!.payload.deliveryInfoNotification.deliveryInfo.timeStamp).toMatch(/\+05:30$/)
  })
})

describe('ids', () => {
  it('produces the same v4 UUIDs for the same seed', () => {
    const a = createIdSource(42)
    const b = createIdSource(42)
    const first = a.uuid()
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(b.uuid()).toBe(first)
    expect(a.uuid()).not.toBe(first)
  })

  it('keeps the sequences seeded runs recorded: each seed gives the ids it always gave', () => {
    // Recorded from the implementation before the uuid was written out byte by byte; a state file
    // or a test that pins ids depends on them staying the same.
    const three = (seed: number) => {
      const ids = createIdSource(seed)
      return [ids.uuid(), ids.uuid(), ids.uuid()]
    }
    expect(three(42)).toEqual([
      '99e1ef7c-72c3-4b8a-9a3b-32c0ab73b0ad',
      '2cc09a8a-86ce-44d3-85f2-45149fef4401',
      'dd8fbf1e-78e9-4541-bffb-0079e1ce9b93',
    ])
    expect(three(7)).toEqual([
      '02ff152c-0fdc-4f12-ba16-9e5eb2f38b96',
      '857d6fe7-67d0-44f4-b75b-05953d6bbcab',
      '8da6bf2d-bad5-4ed8-8200-335b27ec3b63',
    ])
  })
})

describe('durations', () => {
  it.each([
    [1500, 1500],
    ['1500', 1500],
    ['2s', 2000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['7d', 604_800_000],
    // Whole milliseconds, the clock's unit.
    ['0.5ms', 1],
    ['0.4ms', 0],
    ['1.0004s', 1000],
    [2.5, 3],
    ['soon', undefined],
    [-1, undefined],
  ])('parses %j as %j ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected)
  })
})
