/**
 * @module Validates control-API input with zod, answering 400 `invalid_request` naming the field.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { EmulatorError } from '../core/kernel/errors.js'
import { formatPath } from '../core/validate-send-request.js'
import { readBodyText, readJsonBody } from './read-json-body.js'

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  // A misspelt key usually also leaves a required one missing: name the misspelling, it is the cause.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!
  // A misspelt key is reported at its own path, so `field` names it.
  const field = formatPath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path)
  throw new EmulatorError(
    'invalid_request',
    `Invalid ${where}${field ? ` at "${field}"` : ''}: ${issue.message}`,
    field,
  )
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const body = await readJsonBody(c)
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new EmulatorError('invalid_request', 'Invalid request body: expected a JSON object')
  return parseWith(schema, body, 'request body')
}

/** For routes whose body is optional: an empty body counts as `{}`. */
export async function parseOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  // Judged on the body itself: headers may omit content-length (chunked bodies, app.request()).
  if ((await readBodyText(c)).trim() === '') return parseWith(schema, {}, 'request body')
  return parseJson(c, schema)
}

/** `token` belongs to the control token (see control-token.ts), never to a route's own query. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const { token: _, ...query } = c.req.query()
  return parseWith(schema, query, 'query')
}
