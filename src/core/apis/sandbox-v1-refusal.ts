/**
 * @module A schema refusal in the words of the flat v1 sandbox APIs Cisco's SDKs call (D-SMSV1;
 * each channel that has one binds it to this): a missing field is
 * 7003 "Mandatory parameter missing -  : to", a wrong one 7004 "Invalid parameter -  : contentType".
 * A body that is JSON but not an object names no field: it is 7000 "Invalid JSON", as on
 * `POST /v2/messages` (it was "Invalid parameter -  : ", naming nothing).
 */
import type { z } from 'zod'
import { EmulatorError } from '../kernel/errors.js'
import { formatPath, valueAt } from '../kernel/zod-issues.js'

export function sandboxV1Refusal(body: unknown, issues: readonly z.core.$ZodIssue[]): EmulatorError {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return new EmulatorError('invalid_json', 'Invalid JSON', undefined, 'the body must be a JSON object')
  const issue = issues[0]!
  const field = formatPath(issue.path)
  return valueAt(body, issue.path) === undefined
    ? new EmulatorError('missing_parameter', `Mandatory parameter missing -  : ${field}`, field, issue.message)
    : new EmulatorError('invalid_parameter', `Invalid parameter -  : ${field}`, field, issue.message)
}
