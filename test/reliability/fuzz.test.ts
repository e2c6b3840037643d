import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'

const maxBodyBytes = 64 * 1024

function setup() {
  const emulator = createEmulator({
    clock: 'virtual',
    config: { seed: 9, limits: { maxBodyBytes }, webhooks: { targets: [{ url: 'http://app.test/hooks' }] } },
    transport: async () => ({ status: 200, latencyMs: 0 }),
  })
  const app = createApp(emulator)
  return { emulator, app }
}

const validMail = {
  channel: 'email',
  from: 'a@b.test',
  to: [{ email: ['first@d.test'] }],
  content: { type: 'text', subject: 's', text: 't' },
}

/** Bodies that are wrong in every way we could think of, plus whatever fast-check makes up. */
const nasty = fc.oneof(
  fc.json().map((text) => text),
  fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth)),
  fc
    .integer({ min: maxBodyBytes - 100, max: maxBodyBytes * 2 })
    .map((size) => JSON.stringify({ ...validMail, callbackData: 'x'.repeat(size) })),
  fc.constant('{"channel":"email","channel":"sms","to":1,"to":[{"email":["a@b.test"]}]}'),
  fc.constantFrom(
    'null',
    'true',
    '0',
    '"string"',
    '[]',
    '[{}]',
    '{}',
    '',
    ' ',
    '\u0000',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
  ),
  fc
    .record({ ...Object.fromEntries(Object.keys(validMail).map((k) => [k, fc.anything()])) }, { requiredKeys: [] })
    .map((v) => JSON.stringify({ ...validMail, ...v })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }), // often invalid UTF-8
)

const contentTypes = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/vnd.api+json',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    '',
    ';;;',
    'application/json; charset=latin1',
  ),
  fc.string({ maxLength: 40 }),
)

const headerSafe = (value: string | undefined) =>
  value === undefined || /^[\t\x20-\x7e]*$/.test(value) ? value : undefined

async function request(
  app: ReturnType<typeof setup>['app'],
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
  contentType: string | undefined,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extra }
  const type = headerSafe(contentType)
  if (type !== undefined) headers['content-type'] = type
  const init: RequestInit = { method, headers }
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = body as BodyInit
  return app.request(path, init)
}

describe('fuzzing the vendor API', () => {
  it('answers every malformed POST /v2/messages with a 4xx, never a 5xx or a throw, and keeps earlier messages', async () => {
    const { app, emulator } = setup()
    const first = await request(app, 'POST', '/v2/messages', JSON.stringify(validMail), 'application/json', {
      key: 'k',
    })
    const { messageId } = await first.json()
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(
        nasty,
        contentTypes,
        fc.constantFrom('key', 'none', 'bearer-junk'),
        async (body, contentType, auth) => {
          const extra: Record<string, string> =
            auth === 'key' ? { key: 'k' } : auth === 'bearer-junk' ? { authorization: 'Bearer a.b.c' } : {}
          const response = await request(app, 'POST', '/v2/messages', body, contentType, extra)
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          expect(response.status).toBeLessThan(500)
          await response.arrayBuffer()
        },
      ),
      { numRuns: 300, seed: 4242 },
    )
    expect(emulator.message(messageId)).toBeDefined()
    expect([...statuses.keys()].some((s) => s === 413)).toBe(true)
    expect([...statuses.keys()].some((s) => s === 415)).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  }, 60_000)
})

/** Every control route but the stream, reset and chaos (which exists to answer 5xx). */
const controlRoutes = (app: ReturnType<typeof setup>['app']) =>
  app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/_emulator') && !/\/(events|reset|chaos)$/.test(r.path))
    .map((r) => ({ method: r.method, path: r.path }))

describe('fuzzing the control API', () => {
  it('answers every route, with junk bodies, path parameters and query strings, below 500, and keeps earlier messages', async () => {
    const { app, emulator } = setup()
    const first = await request(app, 'POST', '/v2/messages', JSON.stringify(validMail), 'application/json', {
      key: 'k',
    })
    const { messageId } = await first.json()
    const routes = controlRoutes(app)
    const param = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(messageId, 't1', 'd1', '0', '-1', '1e309', '%', '%E0%A4%A', '..', 'first@d.test', 'a%2Fb'),
    )
    const query = fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'since',
        'until',
        'status',
        'state',
        'recipient',
        'sender',
        'messageId',
        'token',
        'x',
      ),
      fc.string({ maxLength: 20 }),
      { maxKeys: 4 },
    )
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(param, { minLength: 3, maxLength: 3 }),
        query,
        nasty,
        contentTypes,
        async (route, params, q, body, contentType) => {
          let i = 0
          const path = route.path.replace(/:\w+/g, () => encodeURIComponent(params[i++]!))
          const search = new URLSearchParams(q).toString()
          const response = await request(app, route.method, `${path}${search ? `?${search}` : ''}`, body, contentType)
          if (response.status >= 500)
            failures.push(`${route.method} ${path}?${search} → ${response.status} ${await response.text()}`)
          else await response.arrayBuffer()
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 400, seed: 4243 },
    )
    expect(failures).toEqual([])
    expect(emulator.message(messageId)).toBeDefined()
    expect((await app.request('/_emulator/health')).status).toBe(200)
  }, 60_000)
})

describe('bad input, case by case', () => {
  it('refuses an oversized body on the control API with 413 before reading it', async () => {
    const { app, emulator } = setup()
    const body = JSON.stringify({ address: 'a@b.test', reason: 'x'.repeat(maxBodyBytes) })
    // app.request does not add content-length; real clients do (or send chunked), which is what the limit reads.
    const response = await request(app, 'POST', '/_emulator/suppression', body, 'application/json', {
      'content-length': String(body.length),
    })
    expect(response.status).toBe(413)
    expect(emulator.suppressed()).toEqual([])
  })

  it('answers invalid UTF-8, a non-object and duplicate keys on the vendor API with 400s naming the problem', async () => {
    const { app } = setup()
    const invalid = await request(
      app,
      'POST',
      '/v2/messages',
      new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      'application/json',
      { key: 'k' },
    )
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).code).toBe('7000')
    const array = await request(app, 'POST', '/v2/messages', '[1,2]', 'application/json', { key: 'k' })
    expect(array.status).toBe(400)
    // Duplicate keys: JSON.parse keeps the last, as most servers do; here that makes the request valid.
    const dup = await request(
      app,
      'POST',
      '/v2/messages',
      JSON.stringify(validMail).replace('"channel":"email"', '"channel":"sms","channel":"email"'),
      'application/json',
      { key: 'k' },
    )
    expect(dup.status).toBe(201)
  })
})

describe('fuzzing over a real server', () => {
  it('answers junk sent over HTTP — chunked or sized, any route — below 500, and keeps serving', async () => {
    const { startServer } = await import('../../src/http/serve.js')
    const emulator = createEmulator({
      clock: 'virtual',
      config: { seed: 9, limits: { maxBodyBytes } },
      transport: async () => ({ status: 200, latencyMs: 0 }),
    })
    const server = await startServer(emulator, { port: 0 })
    try {
      const first = await fetch(`${server.url}/v2/messages`, {
        method: 'POST',
        headers: { key: 'k', 'content-type': 'application/json' },
        body: JSON.stringify(validMail),
      })
      const { messageId } = await first.json()
      const routes = [{ method: 'POST', path: '/v2/messages' }, ...controlRoutes(createApp(emulator))]
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          nasty,
          contentTypes,
          fc.boolean(),
          async (route, body, contentType, chunked) => {
            const headers: Record<string, string> = { key: 'k' }
            const type = headerSafe(contentType)
            if (type !== undefined) headers['content-type'] = type
            const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
            const init: RequestInit & { duplex?: 'half' } = { method: route.method, headers }
            if (route.method !== 'GET') {
              init.body = chunked ? new Blob([bytes as BlobPart]).stream() : (bytes as BodyInit)
              if (chunked) init.duplex = 'half'
            }
            const response = await fetch(`${server.url}${route.path.replace(/:\w+/g, 'x')}`, init)
            const text = await response.text()
            expect(response.status, `${route.method} ${route.path}: ${text}`).toBeLessThan(500)
          },
        ),
        { numRuns: 120, seed: 4244 },
      )
      expect(emulator.message(messageId)).toBeDefined()
      expect((await fetch(`${server.url}/_emulator/health`)).status).toBe(200)
    } finally {
      await server.close(0)
    }
  }, 60_000)
})
