/**
 * @module The one place errors become HTTP responses. Vendor errors keep the vendor's flat body
 * `{"code":"7004","message":"Invalid parameter - to"}`; 401 has an empty body, as the vendor's does.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { EmulatorError, type ErrorCode } from '../core/errors.js'

const responses: Record<ErrorCode, { status: ContentfulStatusCode; code: string }> = {
  invalid_json: { status: 400, code: '7000' },
  missing_parameter: { status: 400, code: '7003' },
  invalid_parameter: { status: 400, code: '7004' },
  too_many_destinations: { status: 400, code: '7009' },
  // The vendor documents 7020 without its status; 429 is what HTTP clients and their retry logic expect.
  rate_limited: { status: 429, code: '7020' },
  unauthorized: { status: 401, code: '401' },
  control_token_required: { status: 401, code: 'control_token_required' },
  not_found: { status: 404, code: '404' },
  method_not_allowed: { status: 405, code: '405' },
  unsupported_media_type: { status: 415, code: '415' },
  payload_too_large: { status: 413, code: '413' },
  invalid_request: { status: 400, code: 'invalid_request' },
  invalid_config: { status: 400, code: 'invalid_config' },
  wrong_clock_mode: { status: 409, code: 'wrong_clock_mode' },
  conflict: { status: 409, code: 'conflict' },
}

export function errorResponse(c: Context, error: EmulatorError): Response {
  const { status, code } = responses[error.code]
  if (error.code === 'unauthorized') return c.body(null, 401)
  return c.json({ code, message: error.message }, status as ContentfulStatusCode)
}

/**
 * The control API's error body is its own, not the vendor's: `code` is the error's name
 * ("invalid_json", "invalid_request", "not_found", …) and `field` names the offending input.
 */
export function controlErrorResponse(c: Context, error: EmulatorError): Response {
  const { status } = responses[error.code]
  return c.json({ code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) }, status)
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
