/**
 * @module Validates control-API input with zod, answering 400 `invalid_request` naming the field.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { EmulatorError } from '../core/kernel/errors.js'
import { parseOrThrow } from '../core/kernel/zod-issues.js'
import { readBodyText, readJsonBody } from './read-json-body.js'

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const body = await readJsonBody(c)
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new EmulatorError('invalid_request', 'Invalid request body: expected a JSON object')
  return parseOrThrow(schema, body, 'invalid_request', 'request body')
}

/** For routes whose body is optional: an empty body counts as `{}`. */
export async function parseOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  // Judged on the body itself: headers may omit content-length (chunked bodies, app.request()).
  if ((await readBodyText(c)).trim() === '') return parseOrThrow(schema, {}, 'invalid_request', 'request body')
  return parseJson(c, schema)
}

/**
 * `token` belongs to the control token (see control-token.ts) and `tenant` to isolation (see
 * isolation/tenant-of-request.ts), never to a route's own query.
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const { token: _, tenant: __, ...query } = c.req.query()
  // hono keeps the first of a repeated key: `?channel=sms&channel=zz` filtered by sms, zz unread.
  for (const [key, values] of Object.entries(c.req.queries()))
    if (values.length > 1 && Object.hasOwn(query, key))
      throw new EmulatorError(
        'invalid_request',
        `Invalid query at "${key}": ?${key}= is given ${values.length} times; give it once`,
        key,
      )
  return parseOrThrow(schema, query, 'invalid_request', 'query')
}
