/**
 * @module Turns a raw request body into a SendRequest or the vendor's 400: 7003 when a mandatory
 * parameter is missing, 7004 "Invalid parameter - <field>" otherwise, 7009 past 1000 destinations.
 */
import type { z } from 'zod'
import { maxDestinations, type SendRequest, sendRequestSchema } from './channels/email/schemas/send-request.js'
import { EmulatorError } from './kernel/errors.js'

/** `to[0].email[1]` style paths, as a developer would write them. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  )
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function toVendorError(body: unknown, issue: z.core.$ZodIssue): EmulatorError {
  const field = formatPath(issue.path)
  // The vendor's texts, exactly: clients compare them. What is wrong goes in `detail`.
  if (valueAt(body, issue.path) === undefined) {
    return new EmulatorError('missing_parameter', `Mandatory parameter missing - ${field}`, field, issue.message)
  }
  return new EmulatorError('invalid_parameter', `Invalid parameter - ${field}`, field, issue.message)
}

export function countDestinations(request: SendRequest): number {
  const copies = [...(request.cc ?? []), ...(request.bcc ?? [])]
  return (
    request.to.reduce((n, entry) => n + entry.email.length, 0) +
    copies.reduce((n, entry) => n + (typeof entry === 'string' ? 1 : entry.email.length), 0)
  )
}

/** @throws EmulatorError with the vendor's code for the first problem found. */
export function validateSendRequest(body: unknown): SendRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new EmulatorError('invalid_json', 'Invalid JSON', undefined, 'the body must be a JSON object')
  const parsed = sendRequestSchema.safeParse(body)
  if (!parsed.success) throw toVendorError(body, parsed.error.issues[0]!)
  if (countDestinations(parsed.data) > maxDestinations) {
    throw new EmulatorError(
      'too_many_destinations',
      `Max number of destination address limited to ${maxDestinations}`,
      'to',
    )
  }
  return parsed.data
}
