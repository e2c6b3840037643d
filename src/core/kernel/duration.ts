/**
 * @module Durations as people write them in config and scenarios: 1500, "1.5s", "2m", "7d".
 */
import { z } from 'zod'
import { EmulatorError } from './errors.js'
import { maxDurationMs } from './time-bounds.js'

const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const pattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/

/**
 * Parses a duration to whole milliseconds (the clock's unit: a fraction is rounded, so "0.5ms" or
 * "1.0004s" leave no fractional clock times behind); returns undefined for anything else
 * (undefined, null, an object, …).
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined
  // Callers from JavaScript pass what they have: `advance()`, `{ within: null }`.
  if (typeof value !== 'string') return undefined
  const match = pattern.exec(value.trim())
  if (!match) return /^\d+$/.test(value.trim()) ? Number(value) : undefined
  return Math.round(Number(match[1]) * units[match[2] as keyof typeof units])
}

/**
 * A zod schema accepting a number of ms or a string like "2s" / "7d", yielding milliseconds, at most
 * `maxMs` (366 days unless said: see kernel/time-bounds.ts); `limit` says why in the refusal.
 */
export function durationUpTo(maxMs: number, limit: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const ms = parseDuration(value)
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a duration: use milliseconds or a string like "500ms", "2s", "5m", "1h", "7d"`,
      })
      return z.NEVER
    }
    if (ms > maxMs) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is longer than ${limit}` })
      return z.NEVER
    }
    return ms
  })
}

/** A zod schema accepting a number of ms or a string like "2s" / "7d", yielding milliseconds; at most 366 days. */
export const durationSchema = durationUpTo(
  maxDurationMs,
  '366 days, the longest duration the emulator takes (a year longer than any period the vendor documents)',
)

/**
 * A duration given by a caller (a test helper, a scenario step), in milliseconds; `what` names it in
 * the error for anything else.
 * @example
 * durationMs('7d', 'advance') // 604800000
 */
export function durationMs(value: number | string, what: string): number {
  const ms = parseDuration(value)
  if (ms === undefined)
    throw new EmulatorError(
      'invalid_request',
      `${what}: "${value}" is not a duration; use milliseconds or "500ms", "2s", "5m", "1h", "7d"`,
    )
  if (ms > maxDurationMs)
    throw new EmulatorError(
      'invalid_request',
      `${what}: "${value}" is longer than 366 days, the longest duration the emulator takes`,
    )
  return ms
}
