/**
 * @module Timestamps as the vendor renders them: ISO 8601 with milliseconds and the tenant's offset,
 * e.g. "2023-02-07T03:51:03.311+05:30" (seed 001: "as per the timezone of the tenant and not UTC").
 */
import { EmulatorError } from './errors.js'

export type TimestampFormatter = (epochMs: number) => string

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * @example
 * createTimestampFormatter('Asia/Kolkata')(0) // "1970-01-01T05:30:00.000+05:30"
 */
export function createTimestampFormatter(timeZone: string): TimestampFormatter {
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
    throw new EmulatorError('invalid_config', `Unknown time zone "${timeZone}": use an IANA name such as "UTC", "Asia/Kolkata" or "America/New_York"`, 'timeZone')
  }
  return (epochMs) => {
    const p: Record<string, string> = {}
    for (const { type, value } of parts.formatToParts(epochMs)) p[type] = value
    const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName!.slice(3)
    const millis = pad(((epochMs % 1000) + 1000) % 1000, 3)
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${millis}${offset}`
  }
}
