/**
 * @module The closed set of errors the emulator raises. The HTTP layer maps each code to the
 * vendor's status and body in one place (src/http/error-response.ts).
 */

/** Every `EmulatorError` code; the HTTP layer maps each to the vendor's status and body. */
export const errorCodes = [
  'invalid_json', // vendor 7000
  'missing_parameter', // vendor 7003
  'invalid_parameter', // vendor 7004
  'too_many_destinations', // vendor 7009
  'number_not_e164', // vendor 7041 (recorded from the real API)
  'invalid_template', // vendor 7108
  'invalid_sender', // vendor 7101 on the MMS API: a from that is not one of the tenant's MMS numbers
  'invalid_app_id', // vendor 7104: an RCS from, or a Messaging API v1 appid, that is not one of the tenant's apps
  'rate_limited', // vendor 7020, answered 429 (rateLimit.answer "http-429")
  'rate_limited_gateway', // vendor 7020 in the API gateway's envelope, answered 400 (the default)
  'unauthorized', // vendor API: 401 with an empty body
  'authentication_failed', // Send SMS API v1: 403 {"code":"7001","message":"Authentication failed."}
  'duplicate_request', // Send SMS API v1: a repeated Idempotency-Key, 409 (inferred)
  'service_key_missing', // Messaging API v1: vendor 7002 "Service Key Missing"
  'channel_not_configured', // Messaging API v1: vendor 7106 "Channel not configured"
  'control_token_required', // control API: 401 with a reason
  'not_found',
  'unknown_group', // Consent API: a group the tenant lacks (unknownGroups "reject"), vendor 9005, 404 (inferred)
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_request', // control API validation
  'invalid_config',
  'wrong_clock_mode',
  'conflict', // control API: the request is valid but the state does not allow it (409)
  'host_not_allowed', // 403: a Host header that is not this emulator's (DNS rebinding)
  'origin_not_allowed', // 403: a control-API request from another web site
] as const

/** One of `errorCodes`. */
export type ErrorCode = (typeof errorCodes)[number]

/**
 * The one error the emulator throws: `code` says what kind (branch on it, not on the message),
 * `field` where, and the message how to fix it. Errors the vendor API answers keep the vendor's
 * exact text in `message` (clients compare it); the explanation for the developer is in `detail`,
 * which the HTTP layer sends as an `x-emulator-detail` header and logs.
 * @example
 * import { EmulatorError, createEmulator } from 'webex-connect-emulator'
 *
 * try {
 *   createEmulator({ clock: 'virtual' }).send({ channel: 'fax' })
 * } catch (error) {
 *   if (error instanceof EmulatorError) error.code // 'invalid_parameter', with error.field 'channel'
 * }
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The field path the error is about, when there is one (e.g. "destination[0].psid[1]"). */
    readonly field?: string,
    /** What exactly is wrong, when `message` is the vendor's fixed text (e.g. "expected an ISO 8601 date-time"). */
    readonly detail?: string,
  ) {
    super(message)
  }
}
