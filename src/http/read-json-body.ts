/**
 * @module Reads a JSON request body with the checks every route shares: content type, size and
 * syntax. Each failure is a clear 4xx; nothing here can throw anything else.
 *
 * The size limit is ours rather than hono's `bodyLimit`: that middleware re-wraps a chunked request
 * in a new `Request`, which throws (a 500) for @hono/node-server's requests. Here a declared
 * `content-length` over the limit is refused before reading; on the server a chunked body is counted
 * as it is read and refused the moment it passes the limit; in-process (app.request(), MSW) the
 * body is already in memory and is measured once read.
 */
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { Context, MiddlewareHandler } from 'hono'
import { EmulatorError } from '../core/kernel/errors.js'

/**
 * What this module keeps on a request, under symbols of its own: the body limit `limitBody` set and
 * the text once read. Properties rather than WeakMaps: on the server a WeakMap entry per request cost
 * about 1.5 µs to set, and each is an ephemeron for the garbage collector to trace (bench/PROFILE.md).
 */
const bodyLimit = Symbol('bodyLimit')
const bodyText = Symbol('bodyText')
type KeptOn = Request & { [bodyLimit]?: number; [bodyText]?: Promise<string> }

const tooLarge = (maxBytes: number) =>
  new EmulatorError('payload_too_large', `The request body is larger than ${maxBytes} bytes (limits.maxBodyBytes)`)

/** Refuses bodies over `maxBytes` with 413, whether they declare their length or arrive chunked. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const length = Number(c.req.header('content-length'))
    if (Number.isFinite(length) && length > maxBytes) throw tooLarge(maxBytes)
    const request = c.req.raw as KeptOn
    request[bodyLimit] = Math.min(maxBytes, request[bodyLimit] ?? Number.POSITIVE_INFINITY)
    await next()
  }
}

/**
 * The body as text, read once per request (later calls get the same text) and refused with 413 past
 * the limit `limitBody` set. Routes that peek at the body first (optional bodies) use this too.
 */
export function readBodyText(c: Context): Promise<string> {
  const request = c.req.raw as KeptOn
  let text = request[bodyText]
  if (!text) {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    const maxBytes = request[bodyLimit] ?? Number.POSITIVE_INFINITY
    // Already read through hono (which caches it): ask hono for it again. Under @hono/node-server,
    // read the Node stream itself: touching `request.body` would build a whole WHATWG Request and
    // stream for it, a fifth of the cost of a send.
    if (request.bodyUsed) text = c.req.text()
    else if (incoming instanceof Readable && !incoming.readableDidRead) text = readIncoming(incoming, maxBytes)
    else text = readText(request, maxBytes)
    request[bodyText] = text
  }
  return text
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (error?: Error) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted)
      if (error) {
        incoming.resume() // let the rest drain, so the 4xx answer still reaches the client
        reject(error)
      } else {
        // Invalid UTF-8 becomes U+FFFD and a leading byte-order mark is dropped, as Request.text() does
        // (in-process, MSW): JSON.parse then judges the same text either way.
        const text = Buffer.concat(chunks, size).toString('utf8')
        resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
      }
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) done(tooLarge(maxBytes))
      else chunks.push(chunk)
    }
    const onEnd = () => done()
    const onError = (error: Error) => done(error)
    const onAborted = () => done(new Error('the client closed the connection before the body arrived'))
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted)
  })
}

/**
 * In-process requests (app.request(), MSW): the body is already in the caller's memory, so reading
 * it whole before judging its size costs nothing extra, and is much cheaper than a stream reader.
 */
async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return ''
  const bytes = await request.arrayBuffer()
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes)
  // Invalid UTF-8 becomes U+FFFD, as Request.text() does; JSON.parse then judges the result.
  return new TextDecoder().decode(bytes)
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type')
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new EmulatorError(
      'unsupported_media_type',
      `Content-Type "${contentType}" is not supported: send the body as JSON with "Content-Type: application/json"`,
    )
  }
  let text: string
  try {
    text = await readBodyText(c)
  } catch (error) {
    if (error instanceof EmulatorError) throw error
    throw new EmulatorError(
      'invalid_json',
      'Invalid JSON',
      undefined,
      `the request body could not be read: ${(error as Error).message}`,
    )
  }
  if (text.trim() === '')
    throw new EmulatorError('invalid_json', 'Invalid JSON', undefined, 'the request body is empty')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new EmulatorError('invalid_json', 'Invalid JSON', undefined, (error as Error).message)
  }
  if (nestedTooDeep(text))
    throw new EmulatorError(
      'invalid_json',
      'Invalid JSON',
      undefined,
      `the body nests objects and arrays more than ${maxJsonDepth} levels deep`,
    )
  return value
}

/**
 * Deeper than this, a body is refused. Nothing any API takes nests past a handful of levels, and a
 * free-form field (an attachment, a contact card) thousands of levels deep would pass its schema
 * and then overflow the stack wherever it is serialised again: a 500 the fuzzer found.
 */
const maxJsonDepth = 64

/** Whether valid JSON `text` nests past `maxJsonDepth`: brackets counted outside strings, in one pass. */
function nestedTooDeep(text: string): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c)
        i++ // a backslash: the next character is escaped
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxJsonDepth) return true
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return false
}
