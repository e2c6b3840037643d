/**
 * @module When a send on the Send Message API v2 may start and expire: `sendAt` and `expireAt` are
 * UTC instants at most 7 days ahead (vendor, Send Message v2: `sendAt` "maximum 7 days"; Send SMS
 * v2: "schedule a message upto 7 days in advance", `expireAt` "up to 7 days in advance"). Past it the
 * vendor's own documented refusal is 400 `{"code":"7004","message":"Invalid parameter - sendAt"}`.
 */
import { EmulatorError } from '../kernel/errors.js'
import { isoTime } from '../kernel/time-bounds.js'

/** Vendor: how far ahead `sendAt` and `expireAt` may be (7 days). */
const maxScheduleAheadMs = 7 * 86_400_000

/** The request's own scheduling fields, as every channel's v2 schema reads them. */
export interface ScheduleFields {
  sendAt?: string | undefined
  expireAt?: string | undefined
}

/** The vendor's 7004 text for a field, in the words of the API it came through. */
export type InvalidParameterText = (field: string) => string

/** Send Message API v2's words: "Invalid parameter - sendAt". */
export const v2InvalidParameter: InvalidParameterText = (field) => `Invalid parameter - ${field}`

/**
 * When the request's lifecycle starts: now, or its `sendAt` (a past one means now). Throws 7004
 * naming the field (in `invalidParameter`'s words) when `sendAt` or `expireAt` is more than 7 days
 * ahead; the schemas have already kept both within the years a timestamp shows.
 * @example
 * scheduleStart({ sendAt: '2025-01-02T00:00:00Z' }, Date.parse('2025-01-01T00:00:00Z')) // 1735776000000
 */
export function scheduleStart(
  request: ScheduleFields,
  now: number,
  invalidParameter: InvalidParameterText = v2InvalidParameter,
  /** What the API the request came through calls the field (the Messaging API v1's `expiry`). */
  nameOf: (field: keyof ScheduleFields) => string = (field) => field,
): number {
  const latest = now + maxScheduleAheadMs
  for (const field of ['sendAt', 'expireAt'] as const) {
    const value = request[field]
    if (value === undefined || Date.parse(value) <= latest) continue
    const name = nameOf(field)
    throw new EmulatorError(
      'invalid_parameter',
      invalidParameter(name),
      name,
      `${name} "${value}" is more than 7 days ahead; the vendor schedules up to 7 days in advance (at most ${isoTime(latest)})`,
    )
  }
  return request.sendAt === undefined ? now : Math.max(now, Date.parse(request.sendAt))
}
