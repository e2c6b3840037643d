/**
 * @module How far time may go. Every instant the emulator renders is an ISO 8601 timestamp with a
 * four-digit year, as the vendor's are, so its clock stays within years 0001–9999 (a day inside,
 * so no zone offset pushes a rendered date past them); and no duration anyone gives it — a delay,
 * a retention, an advance of the clock — is longer than 366 days, a year longer than any period the
 * vendor documents (hard bounces are kept up to 365 days). Without these bounds one request could
 * move the clock past what `Date` can hold (±8.64e15 ms) and break every later one.
 */
import { z } from 'zod'
import { EmulatorError } from './errors.js'

const dayMs = 86_400_000

/** The earliest instant the emulator's clock may show: 0001-01-02T00:00:00.000Z. */
export const earliestTime = Date.parse('0001-01-02T00:00:00.000Z')
/** The latest instant the emulator's clock may reach: 9999-12-30T00:00:00.000Z. */
export const latestTime = Date.parse('9999-12-30T00:00:00.000Z')
/** The longest duration the emulator takes anywhere (delays, retention, clock advances): 366 days. */
export const maxDurationMs = 366 * dayMs
/** The longest a host timer can wait (2³¹−1 ms, about 24.8 days); past it Node fires at once. */
export const maxTimerMs = 2 ** 31 - 1

/** ISO 8601, for messages: "9999-12-30T00:00:00.000Z". */
export const isoTime = (epochMs: number) => new Date(epochMs).toISOString()

/** Whether `epochMs` is an instant the emulator's clock may show. */
export function isRepresentableTime(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= earliestTime && epochMs <= latestTime
}

/**
 * Checks a request to move the clock from `now` by `ms`; throws `invalid_request` naming the
 * limit it passes. `what` names the input ("advance", "within").
 * @example
 * checkClockMove(Date.parse('2025-01-01T00:00:00Z'), 7 * 86_400_000, 'advance') // fine
 */
export function checkClockMove(now: number, ms: number, what: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
    throw new EmulatorError(
      'invalid_request',
      `${what}: ${String(ms)} is not a duration; give milliseconds (0 or more) or "500ms", "2s", "5m", "1h", "7d"`,
      what,
    )
  if (ms > maxDurationMs)
    throw new EmulatorError(
      'invalid_request',
      `${what}: ${ms} ms is longer than 366 days, the most the clock moves at once; move it in steps`,
      what,
    )
  if (now + ms > latestTime)
    throw new EmulatorError(
      'invalid_request',
      `${what}: the clock would pass ${isoTime(latestTime)}, the latest time the emulator can show (timestamps have four-digit years)`,
      what,
    )
}

/**
 * An instant a state file keeps (epoch ms), within the years the emulator can show: one outside
 * them would load, then fail every page that renders it.
 */
export const epochMsSchema = z
  .number()
  .min(earliestTime, `expected epoch ms from ${isoTime(earliestTime)}`)
  .max(latestTime, `expected epoch ms up to ${isoTime(latestTime)}, the latest time the emulator can show`)
