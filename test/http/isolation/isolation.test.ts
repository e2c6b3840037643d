import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/http/create-app.js'
import { createWebexConnectMock } from '../../../src/msw/create-webex-connect-mock.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'
import { eventually } from '../../support/eventually.js'
import { signJwt } from '../../support/jwt.js'
import { emailTo } from '../../support/virtual-emulator.js'
import { sseReader } from '../control/sse.js'
import { isolatedApp } from './isolated-app.js'

let current: ReturnType<typeof isolatedApp> | undefined
function setup(options: Parameters<typeof isolatedApp>[0] = {}) {
  current = isolatedApp(options)
  return current
}
afterEach(async () => {
  await current?.isolated.close(0)
  current = undefined
})

const secret = Buffer.from('service-secret').toString('base64')
const services = [
  { id: 'svc-a', key: 'key-a', secret },
  { id: 'svc-b', key: 'key-b' },
]

describe('isolation "service": the vendor API', () => {
  it("puts each key's sends in a tenant of its own", async () => {
    const ctx = setup()
    expect((await ctx.send('worker-1', 'ann@x.test')).status).toBe(201)
    expect((await ctx.send('worker-2', ['bob@x.test', 'cy@x.test'])).status).toBe(201)
    expect(await ctx.recipientsOf('worker-1')).toEqual(['ann@x.test'])
    expect((await ctx.recipientsOf('worker-2')).sort()).toEqual(['bob@x.test', 'cy@x.test'])
  })

  it("names a configured service's tenant by its id, whether it calls with its key or a JWT", async () => {
    const ctx = setup({ config: { services } })
    const jwt = signJwt({ iss: 'svc-a', iat: Math.floor(Date.now() / 1000) }, secret)
    expect((await ctx.send('key-a', 'by-key@x.test')).status).toBe(201)
    const byJwt = await ctx.call(
      'POST',
      '/v2/messages',
      { ...JSON.parse(JSON.stringify(sendBody('by-jwt@x.test'))) },
      {
        authorization: `Bearer ${jwt}`,
      },
    )
    expect(byJwt.status).toBe(201)
    expect((await ctx.recipientsOf('svc-a')).sort()).toEqual(['by-jwt@x.test', 'by-key@x.test'])
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['svc-a'])
  })

  it('refuses credentials no service holds with an empty 401, starting no tenant', async () => {
    const ctx = setup({ config: { services } })
    const wrongKey = await ctx.send('key-z', 'ann@x.test')
    const forged = await ctx.call('POST', '/v2/messages', sendBody('ann@x.test'), {
      authorization: `Bearer ${signJwt({ iss: 'svc-a', iat: Math.floor(Date.now() / 1000) }, Buffer.from('wrong').toString('base64'))}`,
    })
    const none = await ctx.call('POST', '/v2/messages', sendBody('ann@x.test'))
    for (const answer of [wrongKey, forged, none]) {
      expect(answer.status).toBe(401)
      expect(answer.text).toBe('')
    }
    expect(wrongKey.headers.get('x-emulator-detail')).toMatch(/not a configured service key/)
    expect(ctx.isolated.tenants()).toEqual([])
  })

  it("keeps the Consent API's groups per service: its Bearer key names the tenant", async () => {
    const ctx = setup()
    const member = { channel: 'email', address: 'ann@x.test', consent: false }
    const post = await ctx.call('POST', '/v1/groups/news/members', member, { authorization: 'Bearer worker-1' })
    expect(post.status).toBe(204)
    const own = await ctx.call('GET', '/v1/groups/news/members', undefined, { authorization: 'Bearer worker-1' })
    const other = await ctx.call('GET', '/v1/groups/news/members', undefined, { authorization: 'Bearer worker-2' })
    expect(own.body).toMatchObject([{ address: 'ann@x.test', consent: false }])
    expect(other.body).toEqual([])
  })
})

function sendBody(to: string) {
  return {
    channel: 'email',
    from: 'news@brand.test',
    to: [{ email: [to] }],
    content: { type: 'text', subject: 'Hi', text: 'Hi' },
  }
}

describe('isolation "service": what a tenant holds', () => {
  it('keeps bounce list, unsubscribes, sandbox, rules, consent and targets to the tenant that set them', async () => {
    const ctx = setup()
    await ctx.control('one', 'POST', '/suppression', { address: 'gone@x.test' })
    await ctx.control('one', 'POST', '/unsubscribes', { sender: 'news@brand.test', address: 'left@x.test' })
    await ctx.control('one', 'PUT', '/sandbox', { enabled: true, verified: ['team.test'] })
    await ctx.control('one', 'POST', '/rules', { domain: 'full.test', outcome: 'bounce-mailboxfull' })
    await ctx.control('one', 'PUT', '/contact-policy/groups/g', { type: 'allow' })
    await ctx.control('one', 'POST', '/webhooks/targets', { url: 'http://one.test/hooks' })

    const read = async (tenant: string) => ({
      suppression: (await ctx.control(tenant, 'GET', '/suppression')).body.entries.length,
      unsubscribes: (await ctx.control(tenant, 'GET', '/unsubscribes')).body.entries.length,
      sandbox: (await ctx.control(tenant, 'GET', '/sandbox')).body.enabled,
      rules: (await ctx.control(tenant, 'GET', '/rules')).body.rules.length,
      groups: (await ctx.control(tenant, 'GET', '/contact-policy')).body.groups.length,
      targets: (await ctx.control(tenant, 'GET', '/webhooks/targets')).body.targets.map((t: any) => t.url),
    })
    expect(await read('one')).toEqual({
      suppression: 1,
      unsubscribes: 1,
      sandbox: true,
      rules: 1,
      groups: 1,
      targets: ['http://one.test/hooks'],
    })
    expect(await read('two')).toEqual({
      suppression: 0,
      unsubscribes: 0,
      sandbox: false,
      rules: 0,
      groups: 0,
      targets: [],
    })
  })

  it("sends a tenant's receipts only to its own targets, and fails its sends only on its own lists", async () => {
    const ctx = setup()
    await ctx.control('one', 'POST', '/webhooks/targets', { url: 'http://one.test/hooks' })
    await ctx.control('two', 'POST', '/webhooks/targets', { url: 'http://two.test/hooks' })
    await ctx.send('one', 'ann+bounce@x.test')
    await ctx.control('one', 'POST', '/clock/advance', { by: '2s' })
    await ctx.send('one', 'ann+bounce@x.test')
    await ctx.send('two', 'ann+bounce@x.test')
    await ctx.control('one', 'POST', '/clock/advance', { by: '2s' })
    await ctx.control('two', 'POST', '/clock/advance', { by: '2s' })

    const statuses = (url: string) =>
      ctx.sink
        .filter((r) => r.url === url)
        .map((r) => JSON.parse(r.body).deliveryInfoNotification.deliveryInfo.deliveryStatus)
    // Tenant one bounced the address, so its second send fails; tenant two's first send does not.
    expect(statuses('http://one.test/hooks')).toEqual(['Submitted', 'Bounce', 'Failed'])
    expect(statuses('http://two.test/hooks')).toEqual(['Submitted', 'Bounce'])
    const deliveries = (tenant: string) =>
      ctx.control(tenant, 'GET', '/webhooks').then((r) => r.body.deliveries.map((d: any) => d.target.url))
    expect(new Set(await deliveries('one'))).toEqual(new Set(['http://one.test/hooks']))
    expect(new Set(await deliveries('two'))).toEqual(new Set(['http://two.test/hooks']))
  })

  it('gives each tenant its own clock: advancing one moves neither the time nor the steps of another', async () => {
    const ctx = setup()
    await ctx.send('one', 'ann@x.test')
    await ctx.send('two', 'bob@x.test')
    await ctx.control('two', 'POST', '/clock/advance', { by: '1s' }) // Submitted; Delivered is due at 1.5 s
    const before = (await ctx.control('two', 'GET', '/clock')).body.now
    await ctx.control('one', 'POST', '/clock/advance', { by: '7d' })
    expect((await ctx.control('two', 'GET', '/clock')).body.now).toBe(before)
    const status = async (tenant: string) =>
      (await ctx.control(tenant, 'GET', '/messages')).body.messages[0].recipients[0].status
    expect(await status('one')).toBe('Delivered')
    expect(await status('two')).toBe('Submitted')
  })

  it('mints different message ids in each tenant of a seeded run, the same ones every run', async () => {
    const first = setup({ config: { seed: 9 } })
    const ids = async (ctx: ReturnType<typeof isolatedApp>) => [
      (await ctx.send('one', 'ann@x.test')).body.messageId,
      (await ctx.send('two', 'ann@x.test')).body.messageId,
    ]
    const run1 = await ids(first)
    await first.isolated.close(0)
    const run2 = await ids(setup({ config: { seed: 9 } }))
    expect(run1[0]).not.toBe(run1[1])
    expect(run2).toEqual(run1)
  })

  it('mints new ids for a tenant started again under the same name, removed or evicted, the same ones every run', async () => {
    const lifeIds = async () => {
      const ctx = setup({ config: { seed: 9, limits: { maxTenants: 1 } } })
      const ids = [(await ctx.send('one', 'ann@x.test')).body.messageId]
      await ctx.call('DELETE', '/_emulator/tenants/one')
      ids.push((await ctx.send('one', 'ann@x.test')).body.messageId)
      await ctx.send('two', 'ann@x.test') // evicts "one"
      ids.push((await ctx.send('one', 'ann@x.test')).body.messageId)
      await ctx.isolated.close(0)
      return ids
    }
    const run1 = await lifeIds()
    expect(new Set(run1).size).toBe(3)
    expect(await lifeIds()).toEqual(run1)
  })
})

describe('isolation "service": the control API names its tenant', () => {
  it('answers 400 without a tenant, saying how to name one and which are alive', async () => {
    const ctx = setup()
    await ctx.send('worker-1', 'ann@x.test')
    const answer = await ctx.call('GET', '/_emulator/messages')
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ code: 'invalid_request', field: 'tenant' })
    expect(answer.body.message).toMatch(/"x-emulator-tenant" header or \?tenant=/)
    expect(answer.body.message).toMatch(/Tenants alive: "worker-1"/)
  })

  it('refuses ?tenant= given twice, and a tenant name holding control characters (they would forge log lines)', async () => {
    const ctx = setup()
    const twice = await ctx.call('GET', '/_emulator/messages?tenant=a&tenant=b')
    expect(twice.status).toBe(400)
    expect(twice.body.message).toMatch(/\?tenant= is given 2 times/)
    const forged = await ctx.call('GET', `/_emulator/stats?tenant=${encodeURIComponent('w1\n00:00 warn FORGED')}`)
    expect(forged.status).toBe(400)
    expect(forged.body.message).toMatch(/cannot hold control characters/)
    expect(ctx.isolated.tenants()).toEqual([])
  })

  it('names the tenant of a JWT by its iss trimmed, as the control API names it', async () => {
    // No services configured: any JWT names its iss.
    const ctx = setup()
    const jwt = signJwt({ iss: 'svc-a ', iat: Math.floor(Date.now() / 1000) }, secret)
    const sent = await ctx.call('POST', '/v2/messages', sendBody('ann@x.test'), { authorization: `Bearer ${jwt}` })
    expect(sent.status).toBe(201)
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['svc-a'])
    expect(await ctx.recipientsOf('svc-a')).toEqual(['ann@x.test'])
  })

  it('takes ?tenant= as it takes the header, and refuses the two naming different tenants', async () => {
    const ctx = setup()
    await ctx.send('worker-1', 'ann@x.test')
    const byQuery = await ctx.call('GET', '/_emulator/messages?tenant=worker-1&limit=5')
    expect(byQuery.body.messages.map((m: any) => m.recipients[0].address)).toEqual(['ann@x.test'])
    const both = await ctx.call('GET', '/_emulator/messages?tenant=worker-1', undefined, {
      'x-emulator-tenant': 'worker-2',
    })
    expect(both.status).toBe(400)
    expect(both.body.message).toMatch(/names tenant "worker-2" and \?tenant= names "worker-1"/)
  })

  it('with services configured, refuses a tenant that is none of them, naming them', async () => {
    const ctx = setup({ config: { services, serviceKeys: ['loose-key'] } })
    const answer = await ctx.control('nobody', 'GET', '/messages')
    expect(answer.status).toBe(404)
    expect(answer.body.message).toMatch(/No tenant "nobody".*"svc-a", "svc-b", one of the 1 serviceKeys/)
    expect((await ctx.control('loose-key', 'GET', '/messages')).status).toBe(200)
  })

  it('resets only the tenant it names', async () => {
    const ctx = setup()
    for (const tenant of ['one', 'two']) {
      await ctx.send(tenant, 'ann+bounce@x.test')
      await ctx.control(tenant, 'POST', '/rules', { domain: 'full.test', outcome: 'bounce' })
      await ctx.control(tenant, 'POST', '/webhooks/targets', { url: `http://${tenant}.test/hooks` })
      await ctx.control(tenant, 'POST', '/clock/advance', { by: '2s' })
    }
    expect((await ctx.control('one', 'POST', '/reset')).status).toBe(200)
    const held = async (tenant: string) => ({
      messages: (await ctx.control(tenant, 'GET', '/messages')).body.messages.length,
      suppressed: (await ctx.control(tenant, 'GET', '/suppression')).body.entries.length,
      rules: (await ctx.control(tenant, 'GET', '/rules')).body.rules.length,
      targets: (await ctx.control(tenant, 'GET', '/webhooks/targets')).body.targets.length,
    })
    expect(await held('one')).toEqual({ messages: 0, suppressed: 0, rules: 0, targets: 0 })
    expect(await held('two')).toEqual({ messages: 1, suppressed: 1, rules: 1, targets: 1 })
  })

  it('checks the control token before it looks for a tenant', async () => {
    const ctx = setup({ controlToken: 'ctl' })
    const anonymous = await ctx.call('GET', '/_emulator/messages', undefined, { 'x-emulator-tenant': 'one' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.code).toBe('control_token_required')
    // Not even the 400 that lists the tenants alive answers without the token.
    await ctx.control('one', 'GET', '/messages')
    const noTenant = await ctx.call('GET', '/_emulator/messages')
    expect(noTenant.status).toBe(401)
    expect(noTenant.text).not.toMatch(/one/)
    expect((await ctx.call('GET', '/_emulator/tenants')).status).toBe(401)
    expect((await ctx.control('one', 'GET', '/messages')).status).toBe(200)
  })

  it('starts no tenant for the console page alone: it needs no token, and a new tenant may evict another', async () => {
    const ctx = setup({ controlToken: 'ctl', config: { limits: { maxTenants: 2 } } })
    await ctx.send('victim', 'ann@x.test')
    for (const name of ['x1', 'x2', 'x3']) {
      expect((await ctx.call('GET', `/_emulator?tenant=${name}`)).status).toBe(200)
      expect((await ctx.call('HEAD', `/_emulator?tenant=${name}`)).status).toBe(200)
    }
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['victim'])
    expect(await ctx.recipientsOf('victim')).toEqual(['ann@x.test'])
  })

  it('ends the event streams of a tenant that is removed or evicted, as a shutdown ends them', async () => {
    const ctx = setup({ config: { limits: { maxTenants: 2 } } })
    const open = async (name: string) => {
      const response = await ctx.app.request('/_emulator/events', { headers: { 'x-emulator-tenant': name } })
      const stream = sseReader(response.body!)
      await stream.until((events) => events.some((e) => e.event === 'hello'))
      return stream
    }
    const ended = (stream: Awaited<ReturnType<typeof open>>) =>
      stream.until((events) => events.some((e) => e.event === 'shutdown'))
    const one = await open('one')
    expect((await ctx.call('DELETE', '/_emulator/tenants/one')).status).toBe(204)
    expect((await ended(one)).at(-1)?.event).toBe('shutdown')
    const two = await open('two')
    await ctx.send('three', 'ann@x.test')
    await ctx.send('four', 'bob@x.test') // evicts "two", the least recently used
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['three', 'four'])
    expect((await ended(two)).at(-1)?.event).toBe('shutdown')
  })

  it('lists the tenants alive and removes one with everything it held', async () => {
    const ctx = setup()
    await ctx.send('one', 'ann@x.test')
    await ctx.send('two', 'bob@x.test')
    const listed = await ctx.call('GET', '/_emulator/tenants')
    expect(listed.body).toMatchObject({ isolation: 'service', maxTenants: 32, evicted: 0 })
    expect(listed.body.tenants.map((t: any) => [t.name, t.messages])).toEqual([
      ['one', 1],
      ['two', 1],
    ])
    expect((await ctx.call('DELETE', '/_emulator/tenants/one')).status).toBe(204)
    expect((await ctx.call('DELETE', '/_emulator/tenants/one')).status).toBe(404)
    expect(await ctx.recipientsOf('one')).toEqual([])
    expect(await ctx.recipientsOf('two')).toEqual(['bob@x.test'])
  })

  it('past limits.maxTenants, evicts the least recently used tenant, counts it and forgets its state', async () => {
    const ctx = setup({ config: { limits: { maxTenants: 2 } } })
    await ctx.send('one', 'ann@x.test')
    await ctx.send('two', 'bob@x.test')
    await ctx.control('one', 'GET', '/stats') // "one" is now the more recently used
    await ctx.send('three', 'cy@x.test')
    const listed = await ctx.call('GET', '/_emulator/tenants')
    expect(listed.body.tenants.map((t: any) => t.name)).toEqual(['one', 'three'])
    expect(listed.body.evicted).toBe(1)
    expect(await ctx.recipientsOf('two')).toEqual([]) // a new, empty tenant (evicting "one" in turn)
  })
  it('does not evict a tenant while a request it names is being served: a send whose body was still coming in was answered 201 into an evicted tenant and lost', async () => {
    const ctx = setup({ config: { limits: { maxTenants: 2 } } })
    const events: string[] = []
    ctx.isolated.subscribe((event) => {
      if (event.type === 'tenant') events.push(`${event.action} ${event.tenant}`)
    })
    // Tenant "a"'s send arrives in two pieces; the rest comes once "b" and "c" have started.
    const body = JSON.stringify(emailTo('ann@x.test'))
    let rest = (_: string) => {}
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)))
        rest = (text) => {
          controller.enqueue(new TextEncoder().encode(text))
          controller.close()
        }
      },
    })
    const slow = ctx.app.request('/v2/messages', {
      method: 'POST',
      headers: { key: 'a', 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    await eventually(
      () => ctx.isolated.find('a'),
      (tenant) => tenant !== undefined,
      { what: 'tenant "a" to start', show: () => 'not yet' },
    )
    expect((await ctx.send('b', 'bob@x.test')).status).toBe(201)
    expect((await ctx.send('c', 'cy@x.test')).status).toBe(201) // "b" goes: "a" is busy
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['a', 'c'])
    rest(body.slice(10))
    expect((await slow).status).toBe(201)
    expect(await ctx.recipientsOf('a')).toEqual(['ann@x.test'])
    expect(events).toEqual(['created a', 'created b', 'evicted b', 'created c'])
  })

  it('with every tenant busy, starts a new one past maxTenants, and is back at it once the requests end (a state file saved over it could not be loaded)', async () => {
    const ctx = setup({ config: { limits: { maxTenants: 1 } } })
    const events: string[] = []
    ctx.isolated.subscribe((event) => {
      if (event.type === 'tenant') events.push(`${event.action} ${event.tenant}`)
    })
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let during: string[] = []
    const serving = ctx.isolated.serve('a', async () => {
      expect((await ctx.send('b', 'bob@x.test')).status).toBe(201)
      during = ctx.isolated.tenants().map((t) => t.name)
      await held
    })
    release()
    await serving
    expect(during).toEqual(['a']) // "b" went as soon as its own request ended: "a" was busy
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['a'])
    expect(ctx.isolated.evicted).toBe(1)
    expect(events).toEqual(['created a', 'created b', 'evicted b']) // "b" started while "a" was busy
    // What it would save now loads again under the same limit.
    const again = isolatedApp({ config: { limits: { maxTenants: 1 } } })
    try {
      expect(() => again.isolated.importState(ctx.isolated.exportState())).not.toThrow()
    } finally {
      await again.isolated.close(0)
    }
  })
})

describe('isolation "service": the rest of /_emulator', () => {
  it('answers health, unknown routes and wrong methods as a single emulator does', async () => {
    const ctx = setup()
    expect((await ctx.call('GET', '/_emulator/health')).body).toEqual({ status: 'ok' })
    expect((await ctx.call('GET', '/v3/nothing')).status).toBe(404)
    expect((await ctx.call('GET', '/v2/messages')).status).toBe(405)
  })

  it('answers other methods on its own tenant routes 405 with Allow, as a single emulator answers them (a POST of the list was a 400 asking for a tenant)', async () => {
    const ctx = setup()
    await ctx.send('one', 'ann@x.test')
    for (const [method, path, allow] of [
      ['POST', '/_emulator/tenants', 'GET'],
      ['DELETE', '/_emulator/tenants', 'GET'],
      ['GET', '/_emulator/tenants/one', 'DELETE'],
      ['PUT', '/_emulator/tenants/one', 'DELETE'],
    ] as const) {
      const answer = await ctx.call(method, path, method === 'GET' ? undefined : {})
      expect([method, path, answer.status, answer.headers.get('allow')]).toEqual([method, path, 405, allow])
      expect(answer.body.message).toContain(`use ${allow}`)
    }
    expect((await ctx.call('HEAD', '/_emulator/tenants')).status).toBe(200)
    expect(ctx.isolated.tenants().map((t) => t.name)).toEqual(['one'])
  })

  it('opens the console for the tenant in ?tenant=, and without one answers 400 saying how to choose', async () => {
    const ctx = setup()
    const page = await ctx.call('GET', '/_emulator?tenant=worker-1')
    expect(page.status).toBe(200)
    expect(page.text).toMatch(/x-emulator-tenant/) // the console sends it with every call
    const picker = await ctx.call('GET', '/_emulator')
    expect(picker.status).toBe(400)
    expect(picker.text).toMatch(/Choose a tenant/)
    expect(picker.text).toMatch(/\?tenant=/)
  })

  it('documents the tenant on every control route, and the tenant routes, in its OpenAPI document', async () => {
    const doc = (await setup().call('GET', '/_emulator/openapi.json')).body
    const tenantRefs = (path: string, method: string) =>
      (doc.paths[path][method].parameters ?? []).filter((p: any) => String(p.$ref).includes('tenant')).length
    expect(tenantRefs('/_emulator/messages', 'get')).toBe(2)
    expect(tenantRefs('/_emulator/suppression', 'post')).toBe(2)
    expect(tenantRefs('/_emulator/health', 'get')).toBe(0)
    expect(doc.components.parameters.tenantHeader).toMatchObject({ name: 'x-emulator-tenant', in: 'header' })
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/_emulator/tenants', '/_emulator/tenants/{name}']))
  })

  it('answers a HEAD of its OpenAPI document as its GET, without a body (it was a 500)', async () => {
    const head = await setup().call('HEAD', '/_emulator/openapi.json')
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
  })
})

describe('without isolation', () => {
  it('refuses a control request that names a tenant, rather than share one state quietly', async () => {
    const emulator = createEmulator({ clock: 'virtual' })
    const app = createApp(emulator)
    for (const init of [{ headers: { 'x-emulator-tenant': 'one' } }, {}]) {
      const path = 'headers' in init ? '/_emulator/messages' : '/_emulator/messages?tenant=one'
      const answer = await app.request(path, init)
      expect(answer.status).toBe(400)
      expect((await answer.json()).message).toMatch(/keeps no tenants apart \(isolation "none"\)/)
    }
    expect((await app.request('/_emulator/messages')).status).toBe(200)
    await emulator.close()
  })

  it('createEmulator() refuses isolation "service", naming the factory that does it', () => {
    expect(() => createEmulator({ config: { isolation: 'service' } })).toThrow(/createIsolatedEmulator\(\)/)
  })
})

describe('MSW mode', () => {
  it('refuses isolation "service", saying each worker has its own mock already', () => {
    expect(() => createWebexConnectMock({ config: { isolation: 'service' } })).toThrow(
      /in MSW mode each test worker .* has its own mock already/,
    )
  })
})
