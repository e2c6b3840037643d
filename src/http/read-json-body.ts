/**
 * @module Reads a JSON request body with the checks every route shares: content type, size and
 * syntax. Each failure is a clear 4xx; nothing here can throw anything else.
 */
import type { Context } from 'hono'
import { EmulatorError } from '../core/errors.js'

export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type')
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new EmulatorError('unsupported_media_type', `Content-Type "${contentType}" is not supported: send the body as JSON with "Content-Type: application/json"`)
  }
  const text = await c.req.text()
  if (text.trim() === '') throw new EmulatorError('invalid_json', 'Invalid JSON (the request body is empty)')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new EmulatorError('invalid_json', `Invalid JSON (${(error as Error).message})`)
  }
}
