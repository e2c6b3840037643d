/**
 * @module Timestamps as the vendor renders them: ISO 8601 with milliseconds and the tenant's offset,
 * e.g. "2023-02-07T03:51:03.311+05:30" (seed 001: "as per the timezone of the tenant and not UTC").
 * A zero offset is written "Z" ("2019-10-04T10:42:27.728Z"), as in every vendor sample and recorded
 * answer with one; none shows "+00:00" (docs/decisions/002).
 */
import { codesOf, textOf } from './char-codes.js'
import { EmulatorError } from './errors.js'

export type TimestampFormatter = (epochMs: number) => string

/**
 * @example
 * createTimestampFormatter('Asia/Kolkata')(0) // "1970-01-01T05:30:00.000+05:30"
 */
export function createTimestampFormatter(timeZone: string): TimestampFormatter {
  // The default zone needs no Intl: building a DateTimeFormat loads the zone data, about 18 ms of
  // the CLI's start-up (bench/PROFILE.md), and UTC's offset is always "Z".
  if (utcNames.has(timeZone.toUpperCase())) return (epochMs) => formatFields(epochMs, 'Z')
  let parts: Intl.DateTimeFormat
  try {
    parts = new Intl.DateTimeFormat('en-US', {
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
  } catch {
    throw new EmulatorError(
      'invalid_config',
      `Unknown time zone "${timeZone}": use an IANA name such as "UTC", "Asia/Kolkata" or "America/New_York"`,
      'timeZone',
    )
  }
  // Asking Intl for every timestamp is the costliest thing a send does; zone offsets only change on
  // quarter-hour boundaries, so ask once per 15-minute bucket and format from UTC fields.
  const bucketMs = 15 * 60_000
  let cachedBucket = Number.NaN
  let cachedOffsetMs = 0
  let cachedOffset = 'Z'
  const offsetAt = (epochMs: number) => {
    const bucket = Math.floor(epochMs / bucketMs)
    if (bucket !== cachedBucket) {
      const name = parts.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')!.value
      const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name)
      // Intl names a zero offset plain "GMT", which the pattern leaves unmatched.
      cachedOffset = match && `${match[2]}${match[3]}` !== '0000' ? `${match[1]}${match[2]}:${match[3]}` : 'Z'
      cachedOffsetMs = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0
      cachedBucket = bucket
    }
    return cachedOffset
  }
  return (epochMs) => {
    const offset = offsetAt(epochMs)
    return formatFields(epochMs + cachedOffsetMs, offset)
  }
}

/** Names Intl resolves to UTC itself; other aliases of it (e.g. "Etc/Zulu") take the Intl path. */
const utcNames = new Set(['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT'])

/** Character codes of a timestamp being written: "0000-00-00T00:00:00.000" and then the offset. */
const stampCodes = codesOf('0000-00-00T00:00:00.000')
const fieldsLength = stampCodes.length

/** Writes `value` as `width` decimal digits at `at` of the timestamp being written. */
function putDigits(at: number, value: number, width: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    stampCodes[i] = 48 + (value % 10)
    value = (value / 10) | 0
  }
}

const dayMs = 86_400_000
/** The last day written (days since the epoch, in the wall time), and its date's fields. */
let cachedDay = Number.NaN
let cachedYear = 0
let cachedMonth = 0
let cachedDate = 0

/**
 * The wall time `localMs` (an instant shifted by its zone's offset, read as UTC) with `offset`
 * appended, written as character codes into one flat string (char-codes.ts): a template's result
 * held about 160 bytes while kept with its message, this string 40. The date is read from a Date
 * once per day written, the time of day by arithmetic: a Date per timestamp was garbage
 * (bench/PROFILE.md).
 */
function formatFields(localMs: number, offset: string): string {
  const ms = Math.trunc(localMs) // as Date does with a fraction of a millisecond
  const day = Math.floor(ms / dayMs)
  if (day !== cachedDay) {
    const local = new Date(ms)
    // As Intl and Date#toISOString do: no text for a time that is not one.
    if (Number.isNaN(local.getTime())) throw new RangeError('Invalid time value')
    const year = local.getUTCFullYear()
    // Years outside 0–9999 (the clock allows ±8.64e15 ms) keep the padded form they always had.
    if (year < 0 || year > 9999) return paddedFields(local, offset)
    cachedDay = day
    cachedYear = year
    cachedMonth = local.getUTCMonth() + 1
    cachedDate = local.getUTCDate()
  }
  // Every value written is kept a small integer (`| 0`), as char-codes.ts requires.
  let time = (ms - day * dayMs) | 0
  putDigits(0, cachedYear, 4)
  putDigits(5, cachedMonth, 2)
  putDigits(8, cachedDate, 2)
  putDigits(20, time % 1_000, 3)
  time = (time / 1_000) | 0
  putDigits(17, time % 60, 2)
  time = (time / 60) | 0
  putDigits(14, time % 60, 2)
  putDigits(11, (time / 60) | 0, 2)
  stampCodes.length = fieldsLength
  for (let i = 0; i < offset.length; i++) stampCodes.push(offset.charCodeAt(i))
  return textOf(stampCodes)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function paddedFields(local: Date, offset: string): string {
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`
  return [date, 'T', time, offset].join('')
}
