import { describe, expect, it } from 'vitest'
import { createTimestampFormatter } from '../../src/core/kernel/time-format.js'

/** The straightforward rendering: ask Intl for every field of every timestamp. */
const referenceFormats = new Map<string, Intl.DateTimeFormat>()
function reference(timeZone: string, epochMs: number): string {
  const format =
    referenceFormats.get(timeZone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
  referenceFormats.set(timeZone, format)
  const p = Object.fromEntries(format.formatToParts(epochMs).map(({ type, value }) => [type, value]))
  const named = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName!.slice(3)
  const offset = named === '+00:00' || named === '-00:00' ? 'Z' : named
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${String(epochMs % 1000).padStart(3, '0')}${offset}`
}

describe('timestamps in the tenant zone', () => {
  it('renders the vendor format with the offset', () => {
    expect(createTimestampFormatter('Asia/Kolkata')(Date.parse('2023-02-06T22:21:03.311Z'))).toBe(
      '2023-02-07T03:51:03.311+05:30',
    )
    expect(createTimestampFormatter('America/New_York')(Date.parse('2024-09-05T04:03:01.708Z'))).toBe(
      '2024-09-05T00:03:01.708-04:00',
    )
    expect(createTimestampFormatter('UTC')(0)).toBe('1970-01-01T00:00:00.000Z')
    // London in winter is on a zero offset too: "Z", never "+00:00".
    expect(createTimestampFormatter('Europe/London')(Date.parse('2024-01-15T10:42:27.728Z'))).toBe(
      '2024-01-15T10:42:27.728Z',
    )
    expect(createTimestampFormatter('Europe/London')(Date.parse('2024-07-15T10:42:27.728Z'))).toBe(
      '2024-07-15T11:42:27.728+01:00',
    )
  })

  it('writes years past 9999 in full, without the sign and six digits of Date#toISOString', () => {
    expect(createTimestampFormatter('UTC')(Date.UTC(9999, 11, 31, 23, 59, 59, 999))).toBe('9999-12-31T23:59:59.999Z')
    expect(createTimestampFormatter('UTC')(Date.UTC(10_000, 0, 1))).toBe('10000-01-01T00:00:00.000Z')
    expect(createTimestampFormatter('Asia/Kolkata')(Date.UTC(9999, 11, 31, 20))).toBe('10000-01-01T01:30:00.000+05:30')
  })

  it('writes any instant of years 0–9999 as Date#toISOString does, days and zones interleaved', () => {
    // The date fields are kept per day between calls: jumping between days, zones and the two sides
    // of midnight and of 1970, with fractions of a millisecond, must never reuse another day's.
    const utc = createTimestampFormatter('UTC')
    const kolkata = createTimestampFormatter('Asia/Kolkata')
    const shift = 330 * 60_000
    let seed = 7
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return seed / 4_294_967_296
    }
    const first = new Date(0).setUTCFullYear(0, 0, 1)
    const span = Date.UTC(9999, 11, 31, 18) - first
    const kolkataSince = Date.UTC(1946, 0, 1) // +05:30 from then on
    for (let i = 0; i < 20_000; i++) {
      const t = i % 3 === 0 ? Math.floor(next() * 4 - 2) * 86_400_000 + next() * 10 : first + next() * span
      const whole = Math.trunc(t)
      expect(utc(t)).toBe(new Date(whole).toISOString())
      if (t >= kolkataSince) expect(kolkata(t)).toBe(`${new Date(whole + shift).toISOString().slice(0, 23)}+05:30`)
    }
  })

  it('pads years below 1000 to four digits, as Date#toISOString does', () => {
    const early = new Date(0)
    early.setUTCFullYear(7, 2, 4)
    early.setUTCHours(5, 6, 7, 8)
    expect(createTimestampFormatter('UTC')(early.getTime())).toBe('0007-03-04T05:06:07.008Z')
    expect(createTimestampFormatter('UTC')(early.getTime())).toBe(early.toISOString())
  })

  it.each(['UTC', 'utc', 'Etc/UTC', 'GMT', 'Etc/GMT'])('renders %s, which skips Intl, as Intl does', (zone) => {
    const format = createTimestampFormatter(zone)
    for (const invalid of [Number.NaN, 9e15]) expect(() => format(invalid)).toThrow(RangeError)
    for (let t = Date.UTC(1969, 11, 31, 23); t < Date.UTC(2030, 0, 1); t += 86_400_000 * 37 + 3_600_007)
      expect(format(t)).toBe(reference(zone, t))
  })

  it.each([
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Chatham',
  ])('agrees with Intl every few minutes around the DST changes of %s', (zone) => {
    const format = createTimestampFormatter(zone)
    // Every five minutes through both 2024 transitions (March/April and October/November), and in
    // order, as the emulator asks: the cache must notice each change.
    for (const start of [
      Date.UTC(2024, 2, 9),
      Date.UTC(2024, 2, 30),
      Date.UTC(2024, 3, 6),
      Date.UTC(2024, 8, 28),
      Date.UTC(2024, 9, 26),
      Date.UTC(2024, 10, 2),
    ]) {
      for (let t = start; t < start + 2 * 86_400_000; t += 5 * 60_000 + 7) expect(format(t)).toBe(reference(zone, t))
    }
  })
})
