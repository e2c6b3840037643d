/**
 * @module The real API's JSON answers: `Content-Type: application/json;charset=ISO-8859-1` on 201
 * and 400 alike (recorded, seated/apus cassettes, 2024-07-29), and bodies encoded accordingly — a
 * character Latin-1 cannot carry becomes "?", as a Java writer with that charset writes it.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const vendorContentType = 'application/json;charset=ISO-8859-1'

/** An answer through hono's `c.body()`, so headers set earlier with `c.header()` join it. */
export function vendorJson(
  c: Context,
  body: unknown,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {},
): Response {
  return c.body(encode(body), status, withContentType(headers))
}

/**
 * An answer made as a `Response` directly, carrying exactly `headers` and the content type: for the
 * send routes' 201 and 200, which no `c.header()` call precedes (one would be lost here; the error
 * answers, which may carry Retry-After or x-emulator-detail, go through `vendorJson`). Hono's
 * `c.body()` copies a header object into a new `Headers`, one `set()` a key, which the server then
 * reads back out to write; @hono/node-server's light-weight Response writes a plain object as it
 * is. The server's store-only send: 74.0/78.2 → 69.6/70.0 µs of CPU a request (bench/PROFILE.md).
 */
export function vendorJsonAnswer(body: unknown, status: ContentfulStatusCode, headers: Record<string, string>) {
  return new Response(encode(body), { status, headers: withContentType(headers) })
}

function encode(body: unknown): string | Uint8Array<ArrayBuffer> {
  const json = JSON.stringify(body)
  // ASCII, as nearly every answer is: its Latin-1 bytes are its UTF-8 bytes, so it goes as a string,
  // which Node writes in one piece with the headers (a buffer is a second piece of a gathered write).
  if (ascii.test(json)) return json
  // Every code point past Latin-1 (U+00FF), astral ones counted once (the `u` flag).
  return Buffer.from(json.replace(/[\u0100-\u{10ffff}]/gu, '?'), 'latin1')
}

/** Printable ASCII: JSON writes every character below a space as an escape, so that is all of ASCII it holds but DEL. */
const ascii = /^[ -~]*$/

function withContentType(headers: Record<string, string>): Record<string, string> {
  // The content type written first and set again last: it wins over any in `headers`, and no key is
  // added to a spread copy (which costs V8 a new hidden class per answer, bench/PROFILE.md).
  const all: Record<string, string> = { 'content-type': vendorContentType, ...headers }
  all['content-type'] = vendorContentType
  return all
}
