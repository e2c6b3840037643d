import { describe, expect, it } from 'vitest'
import { controlApp } from './control-app.js'

/** The route table, as the OpenAPI document lists it (built from the same definitions the app serves). */
async function routeTable(): Promise<Array<{ method: string; path: string; tag: string }>> {
  const { call } = controlApp()
  const doc = (await call('GET', '/_emulator/openapi.json')).body as {
    paths: Record<string, Record<string, { tags: string[] }>>
  }
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method,
      path: path.replace(/\{(\w+)\}/g, ':$1'),
      tag: op.tags[0]!,
    })),
  )
}
const routeDocs = await routeTable()

const token = 's3cret-token'
/** Routes that answer without the token: the console page (and its redirect) and health. */
const open = new Set(['get /_emulator', 'get /_emulator/', 'get /_emulator/health'])
const controlRoutes = routeDocs.filter((route) => route.path.startsWith('/_emulator'))
/** A concrete path for a route: every `:param` filled in. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => (name === 'index' ? '0' : `x-${name}`))
/** A body that would pass the route's validation where that matters: the check must come first anyway. */
const bodyFor = (method: string) => (method === 'get' || method === 'delete' ? undefined : {})

describe('--control-token guards every control route', () => {
  it.each(controlRoutes.filter((r) => !open.has(`${r.method} ${r.path}`)).map((r) => [r.method.toUpperCase(), r.path]))(
    '%s %s: 401 without the token or with a wrong one, answered with it in a header or the query',
    async (method, path) => {
      const { call, snapshot } = controlApp({ controlToken: token })
      const url = concrete(path)
      const before = snapshot()
      const body = bodyFor(method.toLowerCase())
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer wrong-token' },
        { 'x-emulator-token': `${token}x` },
      ]
      for (const headers of attempts) {
        const refused = await call(method, url, body, headers)
        expect(refused.status, `${method} ${url} with ${JSON.stringify(headers)}`).toBe(401)
        expect(refused.body).toMatchObject({ code: 'control_token_required' })
      }
      expect((await call(method, `${url}?token=nope`, body)).status).toBe(401)
      expect(snapshot()).toBe(before)

      // With the token the route itself answers (whatever it makes of the dummy input).
      if (path === '/_emulator/events') return // a stream: its answer never ends
      expect((await call(method, url, body, { authorization: `Bearer ${token}` })).status).not.toBe(401)
      expect((await call(method, url, body, { 'x-emulator-token': token })).status).not.toBe(401)
      const separator = url.includes('?') ? '&' : '?'
      expect((await call(method, `${url}${separator}token=${token}`, body)).status).not.toBe(401)
    },
  )

  it('leaves exactly the console page, its redirect and health open', async () => {
    const { app } = controlApp({ controlToken: token })
    expect((await app.request('/_emulator')).status).toBe(200)
    expect((await app.request('/_emulator/')).status).toBe(308)
    expect((await app.request('/_emulator/health')).status).toBe(200)
    expect([...open].every((route) => routeDocs.some((r) => `${r.method} ${r.path}` === route))).toBe(true)
  })

  it.each([
    ['DELETE', '/_emulator/unsubscribes/_emulator/health'],
    ['DELETE', '/_emulator/suppression/_emulator/health'],
    ['DELETE', '/_emulator/sandbox/verified/_emulator'],
    ['POST', '/_emulator/suppression/'],
    ['POST', '/_emulator//suppression'],
    ['POST', '//_emulator/suppression'],
    ['DELETE', '/_emulator/suppression/a%40x.test%2F_emulator%2Fhealth'],
    ['DELETE', '/_emulator/unsubscribes/me%40x.test/%2E%2E%2Fhealth'],
    ['POST', '/_emulator/health/../suppression'],
    ['POST', '/_emulator/%2e%2e/_emulator/suppression'],
    ['POST', '/_emulator/health%2F..%2Fsuppression'],
    ['POST', '/_emulator/reset/..;/health'],
    ['GET', '/_emulator/health/'],
    ['POST', '/_emulator/health'],
  ])('refuses %s %s without the token and changes nothing', async (method, path) => {
    const { emulator, app, snapshot } = controlApp({
      controlToken: token,
      // Entries these paths would remove, were they answered: the walk-around once removed the first.
      config: {
        suppressed: ['a@x.test/_emulator/health'],
        unsubscribed: [
          { sender: '_emulator', address: 'health' },
          { sender: 'me@x.test', address: '../health' },
        ],
      },
    })
    emulator.suppress('_emulator/health')
    const before = snapshot()
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify({ address: 'victim@x.test' }) } : {}),
    })
    // Whatever route (if any) the path reaches, it is never answered without the token.
    expect([401, 404]).toContain(response.status)
    if (response.status === 404) expect((await response.json()).code).toMatch(/^(not_found|404)$/)
    await emulator.advance(0)
    expect(snapshot()).toBe(before)
  })
})
