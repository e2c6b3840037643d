/**
 * @module The Send Message API v2's own shapes, whatever the channel: its limits, the 201 answer,
 * the vendor's error body and the API gateway's 7020 envelope, and the field conventions every
 * channel's request shares.
 */
import { z } from 'zod'
import { ownKeysRecord } from '../kernel/own-keys-record.js'
import { earliestTime, isoTime, isRepresentableTime, latestTime } from '../kernel/time-bounds.js'

/** Vendor limit: callbackData is echoed in receipts and may be at most 2000 characters. */
export const maxCallbackDataLength = 2000
/** Vendor limit: one request addresses at most 1000 destinations. */
export const maxDestinations = 1000

/**
 * An optional field, where an empty string means "not given": the vendor's own examples send
 * `"notifyUrl": ""` and `"callbackData": ""` and expect a 201.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional())
}

/** The vendor accepts booleans as JSON booleans or as "true"/"false" strings ("trackClicks": "true"). */
export const looseBoolean = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')

/**
 * A mandatory text that must say something: a value of only white space is refused as `""` is (the
 * vendor marks these fields "Mandatory"; a blank one carries nothing to send). The value is kept as
 * given, spaces and all, and limits count it so.
 */
export const nonBlankString = (what: string) =>
  z.string().refine((s) => /\S/.test(s), `${what}: empty or only white space`)

const substitutionValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, a number or a boolean',
})

/**
 * `substitutions`: placeholder name → value. Any name is a name, "__proto__" included: the vendor's
 * Java services read the object into a map, where it is a key like any other (kernel/own-keys-record.ts).
 */
export const substitutionsSchema = ownKeysRecord(substitutionValue)

/**
 * `notifyUrl`: an http(s) URL (the vendor: a space-padded URL "would be considered an invalid URL").
 * `z.url()` trims what it checks, and the URL parser drops tabs and newlines inside one, so
 * whitespace is refused before.
 */
export const httpUrl = z
  .string()
  .refine((s) => !/\s/.test(s), 'expected an http(s) URL without spaces, tabs or newlines')
  .pipe(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }))
  .meta({ format: 'uri' }) // as z.url() alone documents it

/** `callbackData`, echoed in receipts. */
export const callbackDataSchema = optional(
  z.string().max(maxCallbackDataLength, `at most ${maxCallbackDataLength} characters`),
)

/** A date-time's zone: `Z` or an offset such as `+05:30`. */
const zoneSuffix = /(?:Z|[+-]\d{2}:\d{2})$/

const dateTimeMessage = `expected an ISO 8601 date-time between ${isoTime(earliestTime)} and ${isoTime(latestTime)} (years 0001–9999), such as "2025-01-02T13:47:18.000Z"`

/**
 * `sendAt`, `expireAt`: an ISO 8601 date-time, in the years a timestamp shows (0001–9999, see
 * kernel/time-bounds.ts). Only ISO: `Date.parse` also reads "1" (2001), "2025" and RFC 2822
 * dates. The vendor's times are UTC ("UTC e.g. 2024-09-26T13:47:18.000Z"), so one without a zone
 * is read as UTC, not in the host's zone as `Date.parse` would (the same request would start at
 * another time on another machine).
 */
export const dateTimeSchema = z.preprocess(
  // What clients write beside ISO's own form, read as it: a space or a `t` for the `T` (Python's str()
  // of a datetime; RFC 3339 allows both), a `z`, an offset without its colon (`+0530`, strftime's
  // `%z`), and minutes without seconds.
  (value) =>
    typeof value === 'string'
      ? value
          .replace(/^(\d{4}-\d{2}-\d{2})[ t](?=\d{2}:)/, '$1T')
          .replace(/z$/, 'Z')
          .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
          // Minutes without seconds ("2025-01-02T13:47Z", as the vendor's own Apple sample writes them).
          .replace(/(T\d{2}:\d{2})(?=$|Z|[+-]\d{2}:\d{2}$)/, '$1:00')
      : value,
  z.iso
    .datetime({ offset: true, local: true, message: dateTimeMessage })
    .transform((s) => (zoneSuffix.test(s) ? s : `${s}Z`))
    .refine((s) => isRepresentableTime(Date.parse(s)), dateTimeMessage),
)

/**
 * `validity`: "time period in seconds" (Send Message v2, D-MSGV2), a number or a string of digits,
 * read as whole seconds. SMS adds the carrier's ceiling of 72 hours.
 */
export const validitySecondsSchema = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*$/, 'expected a number of seconds')])
  .transform(Number)
  .pipe(z.number().int('expected whole seconds').positive('expected a number of seconds'))

/**
 * Vendor (Send Message v2): "Either(expireAt/validity) one can be passed. If both are provided then
 * you will receive a 400 Bad request" — on every channel that takes both.
 */
export function refuseExpireAtWithValidity(
  value: { expireAt?: unknown; validity?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.expireAt !== undefined && value.validity !== undefined)
    ctx.addIssue({ code: 'custom', path: ['validity'], message: 'send either "expireAt" or "validity", not both' })
}

/** The 201 answer to POST /v2/messages. */
export const sendResponseSchema = z.object({
  requestTimestamp: z.string(),
  messageId: z.string(),
  correlationId: z.string(),
  status: z.literal('queued'),
})
/** `{ requestTimestamp, messageId, correlationId, status: 'queued' }`. */
export type SendResponse = z.infer<typeof sendResponseSchema>

/**
 * How the API gateway refuses a request past the tenant's rate limit or quota (HTTP 400), as a
 * production client's tests record it (HMRC's sender, its ImiConnectorSpec: decision 011).
 */
export const gatewayErrorSchema = z.object({
  detail: z.object({
    response_message: z.object({ code: z.string(), message: z.string() }),
    status_code: z.string(),
  }),
  generated_at: z.string(),
  tags: z.record(z.string(), z.unknown()),
})
/** The gateway's 7020 envelope. */
export type GatewayError = z.infer<typeof gatewayErrorSchema>

/** The vendor's flat error body, e.g. `{"code":"7000","message":"Invalid JSON"}`. */
export const vendorErrorSchema = z.object({ code: z.string(), message: z.string() })
/** `{ code, message }`, e.g. `{ code: '7000', message: 'Invalid JSON' }`. */
export type VendorError = z.infer<typeof vendorErrorSchema>
