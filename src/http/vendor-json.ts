/**
 * @module The real API's JSON answers: `Content-Type: application/json;charset=ISO-8859-1` on 201
 * and 400 alike (recorded, seated/apus cassettes, 2024-07-29), and bodies encoded accordingly — a
 * character Latin-1 cannot carry becomes "?", as a Java writer with that charset writes it.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const vendorContentType = 'application/json;charset=ISO-8859-1'

export function vendorJson(
  c: Context,
  body: unknown,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {},
): Response {
  // Every code point past Latin-1 (U+00FF), astral ones counted once (the `u` flag).
  const text = JSON.stringify(body).replace(/[\u0100-\u{10ffff}]/gu, '?')
  // The content type written first and set again last: it wins over any in `headers`, and no key is
  // added to a spread copy (which costs V8 a new hidden class per answer, bench/PROFILE.md).
  const all: Record<string, string> = { 'content-type': vendorContentType, ...headers }
  all['content-type'] = vendorContentType
  return c.body(Buffer.from(text, 'latin1'), status, all)
}
