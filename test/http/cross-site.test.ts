// Issue 19, finding 3: other web sites cannot reconfigure a token-less emulator. Host names other
// than the emulator's are refused everywhere (DNS rebinding); on the control API, another site's
// Origin is refused and writes must say JSON. The browser-side attacks are in
// test/browser/cross-site.test.ts; these are the same rules over plain HTTP.
import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { createApp } from '../../src/http/create-app.js'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createWebexConnectMock } from '../../src/msw/create-webex-connect-mock.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { controlApp, mail } from './control/control-app.js'

/** A raw request with exactly these headers (fetch would not let a test set Host). */
function raw(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('the Host header, over a real socket', () => {
  let emulator: Emulator
  let server: RunningServer
  beforeAll(async () => {
    emulator = createEmulator({ clock: 'virtual', config: { server: { allowedHosts: ['emulator'] } } })
    server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
  })
  afterAll(() => server.close(0))

  it.each(['evil.example', 'evil.example:4600', '127.0.0.1.nip.io', 'localhost.evil.example'])(
    'refuses Host %s on every route with 403, naming the config key',
    async (host) => {
      const control = await raw(`${server.url}/_emulator/clock`, { headers: { host } })
      expect(control.status).toBe(403)
      expect(JSON.parse(control.body)).toMatchObject({ code: 'host_not_allowed' })
      expect(JSON.parse(control.body).message).toMatch(/server\.allowedHosts/)
      const console = await raw(`${server.url}/_emulator`, { headers: { host } })
      expect(console.status).toBe(403)
      const vendor = await raw(`${server.url}/v2/messages`, {
        method: 'POST',
        headers: { host, key: 'k', 'content-type': 'application/json' },
        body: JSON.stringify(mail('ann@x.test')),
      })
      expect(vendor.status).toBe(403)
      expect(JSON.parse(vendor.body)).toMatchObject({ code: '403' })
      // The other vendor APIs, with credentials a rebound page could send as its own origin.
      const sms = await raw(`${server.url}/v1/sms/messages`, {
        method: 'POST',
        headers: { host, key: 'k', 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Brand', to: '+447700900001', contentType: 'TEXT', message: 'Hi' }),
      })
      expect(sms.status).toBe(403)
      const consent = await raw(`${server.url}/v1/groups/marketing/members`, {
        method: 'POST',
        headers: { host, authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'email', address: 'ann@x.test', consent: true }),
      })
      expect(consent.status).toBe(403)
      expect(emulator.messages()).toEqual([])
      expect(emulator.contactPolicy.groups()).toEqual([])
    },
  )

  it.each([
    `127.0.0.1:PORT`,
    'localhost:PORT',
    'LOCALHOST',
    'app.localhost:PORT',
    '[::1]:PORT',
    '192.168.1.20:PORT',
    'emulator:PORT',
  ])('answers Host %s', async (host) => {
    const response = await raw(`${server.url}/_emulator/clock`, {
      headers: { host: host.replace('PORT', String(server.port)) },
    })
    expect(response.status).toBe(200)
  })

  it('answers the name it was started with', async () => {
    const app = createApp(createEmulator({ clock: 'virtual' }), { boundHost: 'devbox.lan' })
    expect((await app.request('/_emulator/clock', { headers: { host: 'devbox.lan:4600' } })).status).toBe(200)
    expect((await app.request('/_emulator/clock', { headers: { host: 'other.lan:4600' } })).status).toBe(403)
  })

  it('answers any host with server.allowedHosts ["*"]', async () => {
    const app = createApp(createEmulator({ clock: 'virtual', config: { server: { allowedHosts: ['*'] } } }))
    expect((await app.request('/_emulator/clock', { headers: { host: 'tunnel.example' } })).status).toBe(200)
  })
})

describe('the Origin header on the control API and console', () => {
  it.each([
    ['POST', '/_emulator/webhooks/targets', { url: 'http://attacker.example/steal' }],
    ['POST', '/_emulator/suppression', { address: 'ceo@x.test' }],
    ['POST', '/_emulator/rules', { domain: 'x.test', outcome: 'bounce' }],
    ['POST', '/_emulator/reset', undefined],
    ['POST', '/_emulator/webhooks/replay', undefined],
    ['PUT', '/_emulator/sandbox', { enabled: true }],
    ['DELETE', '/_emulator/suppression/a@x.test', undefined],
    [
      'POST',
      '/_emulator/contact-policy/groups/marketing/members',
      { channel: 'email', address: 'a@x.test', consent: true },
    ],
    ['POST', '/_emulator/inbound/sms', { from: '+447700900001', to: '12345', text: 'STOP' }],
    ['PUT', '/_emulator/sms/settings', { e164: true }],
    ['GET', '/_emulator/messages', undefined],
    ['GET', '/_emulator', undefined],
  ])('refuses %s %s from another site with 403, changing nothing', async (method, path, body) => {
    const { call, snapshot } = controlApp()
    const before = snapshot()
    const settings = (await call('GET', '/_emulator/sms/settings')).body
    const response = await call(method, path, body, { origin: 'http://localhost:8080' })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'origin_not_allowed' })
    expect(response.body.message).toMatch(/server\.allowedOrigins/)
    expect(snapshot()).toBe(before)
    expect((await call('GET', '/_emulator/sms/settings')).body).toEqual(settings)
  })

  it('refuses the origin "null" (sandboxed frames, file: pages)', async () => {
    const { call } = controlApp()
    expect((await call('POST', '/_emulator/reset', {}, { origin: 'null' })).status).toBe(403)
  })

  it('answers its own origin (the console) and clients that send none', async () => {
    const { call } = controlApp()
    // In-process the request's own host is "localhost" (app.request's default URL).
    expect((await call('POST', '/_emulator/rules', { domain: 'a.test', outcome: 'bounce' })).status).toBe(201)
    const same = await call(
      'POST',
      '/_emulator/rules',
      { domain: 'b.test', outcome: 'bounce' },
      { origin: 'http://localhost' },
    )
    expect(same.status).toBe(201)
  })

  it('answers an origin in server.allowedOrigins, with CORS headers and preflights', async () => {
    const { app, emulator } = controlApp({ config: { server: { allowedOrigins: ['http://localhost:3000'] } } })
    const preflight = await app.request('/_emulator/rules', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/)
    const write = await app.request('/_emulator/rules', {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'a.test', outcome: 'bounce' }),
    })
    expect(write.status).toBe(201)
    expect(write.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(emulator.rules()).toHaveLength(1)
    const other = await app.request('/_emulator/rules', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3001', 'access-control-request-method': 'POST' },
    })
    expect(other.status).toBe(403)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('leaves the vendor API to its credentials: another origin may send (no page can set "key" cross-site)', async () => {
    const { send } = controlApp()
    const sent = await send(mail('ann@x.test'), 'k')
    expect(sent.status).toBe(201)
    const { app } = controlApp()
    const response = await app.request('/v2/messages', {
      method: 'POST',
      headers: { origin: 'http://localhost:8080', key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(mail('ann@x.test')),
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('frames', () => {
  it('lets only the console itself frame the console: frame-ancestors, on refusals too, and nosniff', async () => {
    const { app } = controlApp()
    for (const response of [
      await app.request('/_emulator/messages'),
      await app.request('/_emulator/reset', { method: 'POST', headers: { origin: 'http://localhost:8080' } }),
    ]) {
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    // The console page's own policy (what it may run) keeps the framing rule at its end.
    const page = await app.request('/_emulator')
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; .*; frame-ancestors 'self'$/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it("serves the console with a policy that runs only the page's own script, named by its hash", async () => {
    const { app } = controlApp()
    const response = await app.request('/_emulator')
    const policy = response.headers.get('content-security-policy')!
    const html = await response.text()
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    expect(scripts).toHaveLength(1)
    const hash = createHash('sha256').update(scripts[0]!).digest('base64')
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${hash}'`,
      "style-src 'unsafe-inline'",
      'img-src data: http: https:',
      "connect-src 'self'",
      "form-action 'none'",
      "frame-ancestors 'self'",
    ])
  })

  it('lets the origins in server.allowedOrigins frame it too', async () => {
    const allowed = controlApp({ config: { server: { allowedOrigins: ['http://localhost:3000'] } } })
    expect((await allowed.app.request('/_emulator/clock')).headers.get('content-security-policy')).toBe(
      "frame-ancestors 'self' http://localhost:3000",
    )
    expect((await allowed.app.request('/_emulator')).headers.get('content-security-policy')).toMatch(
      /; frame-ancestors 'self' http:\/\/localhost:3000$/,
    )
    const any = controlApp({ config: { server: { allowedOrigins: ['*'] } } })
    expect((await any.app.request('/_emulator/clock')).headers.get('content-security-policy')).toBe('frame-ancestors *')
  })
})

describe('control-API writes must say JSON', () => {
  it.each([
    ['POST', '/_emulator/reset', undefined, undefined],
    ['POST', '/_emulator/webhooks/replay', undefined, undefined],
    ['POST', '/_emulator/rules', 'text/plain;charset=UTF-8', JSON.stringify({ domain: 'x.test', outcome: 'bounce' })],
    ['POST', '/_emulator/suppression', 'application/x-www-form-urlencoded', 'address=a@x.test'],
    ['POST', '/_emulator/webhooks/targets', 'multipart/form-data; boundary=x', '--x--'],
    ['PUT', '/_emulator/sandbox', 'text/plain', '{"enabled":true}'],
    ['PATCH', '/_emulator/webhooks/targets/t1', undefined, '{"url":"http://attacker.example"}'],
  ])('refuses %s %s with Content-Type %s: 415 saying how to fix it', async (method, path, type, body) => {
    const { app, snapshot } = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/h' }] } } })
    const before = snapshot()
    const response = await app.request(path, { method, headers: type ? { 'content-type': type } : {}, body })
    expect(response.status).toBe(415)
    const answer = await response.json()
    expect(answer).toMatchObject({ code: 'unsupported_media_type' })
    expect(answer.message).toMatch(/must send "Content-Type: application\/json", even without a body/)
    expect(snapshot()).toBe(before)
  })

  it('takes a JSON write without a body, and a DELETE without a type', async () => {
    const { app } = controlApp({ config: { email: { suppressed: ['a@x.test'] } } })
    const reset = await app.request('/_emulator/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    expect(reset.status).toBe(200)
    expect((await app.request('/_emulator/suppression/a@x.test', { method: 'DELETE' })).status).toBe(204)
  })
})

describe('in-process (MSW)', () => {
  const mock = createWebexConnectMock({ baseUrls: ['http://emulator.internal:4600'] })
  const msw = setupServer(...mock.handlers)
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => msw.close())

  it('checks neither Host nor Origin (no page can reach it), but control writes still need JSON', async () => {
    const base = 'http://emulator.internal:4600'
    const sent = await fetch(`${base}/v2/messages`, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: JSON.stringify(mail('ann@x.test')),
    })
    expect(sent.status).toBe(201)
    const rule = await fetch('https://api.us.webexconnect.io/_emulator/rules', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: JSON.stringify({ domain: 'a.test', outcome: 'bounce' }),
    })
    expect(rule.status).toBe(201)
    const untyped = await fetch(`${base}/_emulator/reset`, { method: 'POST' })
    expect(untyped.status).toBe(415)
  })
})

describe('config', () => {
  it('refuses unknown keys in "server" by name, and origins that are not origins', () => {
    expect(() => parseConfig({ server: { allowedHost: ['x'] } })).toThrow(/unknown key "server\.allowedHost"/)
    expect(() => parseConfig({ server: { allowedOrigins: ['localhost:3000'] } })).toThrow(
      /server\.allowedOrigins\[0\]: "localhost:3000" is not an origin/,
    )
    expect(() => parseConfig({ server: { allowedOrigins: ['http://x.test/path'] } })).toThrow(/is not an origin/)
    expect(parseConfig({ server: { allowedOrigins: ['HTTP://LocalHost:3000/'] } }).server.allowedOrigins).toEqual([
      'http://localhost:3000',
    ])
  })
})
