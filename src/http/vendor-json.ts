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
  const json = JSON.stringify(body)
  // ASCII, as nearly every answer is: its Latin-1 bytes are its UTF-8 bytes, so it goes as a string,
  // which Node writes in one piece with the headers (a buffer is a second piece of a gathered write).
  if (ascii.test(json)) return answer(c, json, status, headers)
  // Every code point past Latin-1 (U+00FF), astral ones counted once (the `u` flag).
  const text = json.replace(/[\u0100-\u{10ffff}]/gu, '?')
  return answer(c, Buffer.from(text, 'latin1'), status, headers)
}

/** Printable ASCII: JSON writes every character below a space as an escape, so that is all of ASCII it holds but DEL. */
const ascii = /^[ -~]*$/

function answer(
  c: Context,
  data: string | Uint8Array<ArrayBuffer>,
  status: ContentfulStatusCode,
  headers: Record<string, string>,
): Response {
  // The content type written first and set again last: it wins over any in `headers`, and no key is
  // added to a spread copy (which costs V8 a new hidden class per answer, bench/PROFILE.md).
  const all: Record<string, string> = { 'content-type': vendorContentType, ...headers }
  all['content-type'] = vendorContentType
  return c.body(data, status, all)
}
