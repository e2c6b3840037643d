/**
 * @module The one place errors become HTTP responses. Vendor errors keep the vendor's flat body
 * `{"code":"7004","message":"Invalid parameter - to"}`; 401 has an empty body, as the vendor's does.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { EmulatorError, type ErrorCode } from '../core/kernel/errors.js'
import { vendorJson } from './vendor-json.js'

const responses: Record<ErrorCode, { status: ContentfulStatusCode; code: string }> = {
  invalid_json: { status: 400, code: '7000' },
  missing_parameter: { status: 400, code: '7003' },
  invalid_parameter: { status: 400, code: '7004' },
  too_many_destinations: { status: 400, code: '7009' },
  number_not_e164: { status: 400, code: '7041' },
  invalid_template: { status: 400, code: '7108' },
  invalid_sender: { status: 400, code: '7101' },
  invalid_app_id: { status: 400, code: '7104' },
  // 7020: by default as a production client recorded it (400, the gateway's envelope); 429 on request.
  rate_limited: { status: 429, code: '7020' },
  rate_limited_gateway: { status: 400, code: '7020' },
  unauthorized: { status: 401, code: '401' },
  authentication_failed: { status: 403, code: '7001' },
  duplicate_request: { status: 409, code: '7004' },
  service_key_missing: { status: 400, code: '7002' },
  channel_not_configured: { status: 400, code: '7106' },
  control_token_required: { status: 401, code: 'control_token_required' },
  not_found: { status: 404, code: '404' },
  unknown_group: { status: 404, code: '9005' },
  method_not_allowed: { status: 405, code: '405' },
  unsupported_media_type: { status: 415, code: '415' },
  payload_too_large: { status: 413, code: '413' },
  invalid_request: { status: 400, code: 'invalid_request' },
  invalid_config: { status: 400, code: 'invalid_config' },
  wrong_clock_mode: { status: 409, code: 'wrong_clock_mode' },
  conflict: { status: 409, code: 'conflict' },
  host_not_allowed: { status: 403, code: '403' },
  origin_not_allowed: { status: 403, code: '403' },
}

/** The vendor code an error answers with ("7004"), or its HTTP status ("401"). */
export const errorCodeOf = (error: EmulatorError): string => responses[error.code].code

/** A header value from free text: printable ASCII on one line, bounded. */
export function headerText(text: string, max = 1_000): string {
  const clean = text
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean
}

/**
 * The vendor's answer, byte for byte; what exactly was wrong (`detail`) rides in an
 * `x-emulator-detail` header, which no vendor client reads.
 */
export function errorResponse(c: Context, error: EmulatorError): Response {
  const { status, code } = responses[error.code]
  if (error.detail) c.header('x-emulator-detail', headerText(error.detail))
  if (error.code === 'unauthorized') return c.body(null, 401)
  if (error.code === 'rate_limited_gateway') {
    const envelope = {
      detail: { response_message: { code, message: error.message }, status_code: String(status) },
      generated_at: new Date().toISOString(),
      tags: {},
    }
    return vendorJson(c, envelope, status)
  }
  return vendorJson(c, { code, message: error.message }, status)
}

/**
 * The control API's error body is its own, not the vendor's: `code` is the error's name
 * ("invalid_json", "invalid_request", "not_found", …) and `field` names the offending input.
 */
export function controlErrorResponse(c: Context, error: EmulatorError): Response {
  const { status } = responses[error.code]
  const message = error.detail ? `${error.message} (${error.detail})` : error.message
  return c.json({ code: error.code, message, ...(error.field ? { field: error.field } : {}) }, status)
}

/** onError for /_emulator: known errors in the control API's shape; anything else is a bug. */
export function handleControlError(error: Error, c: Context): Response {
  return error instanceof EmulatorError ? controlErrorResponse(c, error) : handleError(error, c)
}

/** hono's onError: known errors map to their response; anything else is a bug, reported as one. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof EmulatorError) return errorResponse(c, error)
  console.error('webex-connect-emulator: unexpected error', error)
  return c.json(
    { code: '500', message: `The emulator failed unexpectedly: ${error.message}. This is a bug; please report it.` },
    500,
  )
}
