import { connect } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../../src/runtime/create-emulator.js'
import { eventually } from '../../support/eventually.js'
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js'
import { mail } from './control-app.js'
import { sseReader } from './sse.js'

const token = 'ctl-token'
let emulator: Emulator
let server: RunningServer
let receiver: WebhookReceiver
/** Aborts the open event stream, also when a test fails half-way. */
const abort = new AbortController()

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  emulator = createEmulator({ clock: 'real', config: { speed: 100, seed: 5 } })
  server = await startServer(emulator, { port: 0, controlToken: token })
})

// Each test starts from a clean emulator, in any order: no receipt of another test's message is due.
beforeEach(() => emulator.reset())

afterAll(async () => {
  abort.abort()
  await server.close(500)
  await receiver.close()
})

/** Sends `head` as a raw HTTP/1.1 request; answers the status line. */
function rawRequest(head: string): Promise<string> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8')
      if (answer.includes('\r\n')) {
        resolve(answer.slice(0, answer.indexOf('\r\n')))
        socket.destroy()
      }
    })
    socket.on('error', reject)
  })
}

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/_emulator${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('the control API over real HTTP', () => {
  it('drives a held message by hand and injects inbound mail, watched over SSE and received by a real receiver', async () => {
    const added = await control('POST', '/webhooks/targets', {
      url: `${receiver.url}/stream`,
      format: 'datastream',
      events: ['delivered', 'inbound'],
    })
    expect(added.status).toBe(201)

    const sse = await fetch(`${server.url}/_emulator/events?token=${token}`, { signal: abort.signal })
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const stream = sseReader(sse.body!)
    await stream.until((events) => events.some((e) => e.event === 'hello'))

    const sent = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'any', 'content-type': 'application/json' },
      body: JSON.stringify(mail('ann+hold@x.test')),
    })
    expect(sent.status).toBe(201)
    const { messageId } = await sent.json()
    const acted = await control('POST', `/messages/${messageId}/recipients/ann%2Bhold%40x.test/actions`, {
      action: 'deliver',
    })
    expect(acted.status).toBe(200)
    await control('POST', '/inbound/email', { from: 'customer@x.test', to: 'news@brand.test', subject: 'Re: Hello' })

    // The receiver is shared with the other tests here (in any order): this test's target is /stream.
    const mine = (all: WebhookReceiver['received']) => all.filter((r) => r.path === '/stream')
    const received = mine(await receiver.waitFor((all) => mine(all).length >= 2))
    // Two deliveries to one target may run at once: their order of arrival is not part of the contract.
    const kind = (r: (typeof received)[number]) =>
      r.body.deliveryInfoNotification?.deliveryInfo.deliveryStatus ?? r.body.event
    expect(received.map(kind).sort()).toEqual(['Delivered', 'Inbound Message'])
    expect(received.find((r) => kind(r) === 'Delivered')!.body.dataIntegration).toBeDefined()

    // An attempt's event follows its answer, which may come after the receiver has the request: wait for it too.
    const events = await stream.until(
      (all) =>
        all.some((e) => e.event === 'inbound') &&
        all.some((e) => e.event === 'receipt' && e.data.status === 'Delivered') &&
        all.some((e) => e.event === 'attempt'),
    )
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['hello', 'message', 'receipt', 'attempt', 'inbound']),
    )

    const detail = await (await control('GET', `/messages/${messageId}`)).json()
    expect(detail.deliveries.map((d: any) => [d.event, d.state, d.attempts[0].status])).toEqual([
      ['7500', 'delivered', 200],
    ])

    abort.abort()
    await eventually(
      () => emulator.stats().eventSubscribers,
      (n) => n === 0,
      { what: 'the event stream to let go of its subscription' },
    )
  })

  it('answers a HEAD of the event stream with its headers, opening no stream that would never end', async () => {
    const before = emulator.stats().eventSubscribers
    const head = await fetch(`${server.url}/_emulator/events?token=${token}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/)
    // hono drops a HEAD answer's body unread: a stream opened for it stayed subscribed for good.
    expect(emulator.stats().eventSubscribers).toBe(before)
  })

  it('announces no state change on the event stream for a removal refused with 404', async () => {
    const events = new AbortController()
    const sse = await fetch(`${server.url}/_emulator/events?token=${token}`, { signal: events.signal })
    const stream = sseReader(sse.body!)
    try {
      await stream.until((all) => all.some((e) => e.event === 'hello'))
      const refused = [
        '/rules/0',
        '/suppression/nobody@x.test',
        '/unsubscribes/news@brand.test/nobody@x.test',
        '/sandbox/verified/nobody@x.test',
        '/webhooks/targets/t9/faults',
      ]
      for (const path of refused) expect((await control('DELETE', path)).status).toBe(404)
      expect((await control('PUT', '/webhooks/targets/t9/faults', { duplicate: 1 })).status).toBe(404)
      // A real change after them: everything they announced has been written by the time it is.
      await control('POST', '/suppression', { address: 'bob@x.test' })
      const seen = await stream.until((all) => all.some((e) => e.event === 'state'))
      expect(seen.slice(1).map((e) => [e.event, e.data.what])).toEqual([['state', 'suppression']])
    } finally {
      events.abort()
    }
  })

  it('refuses a query key given twice, naming it, rather than reading the first and ignoring the rest', async () => {
    const twice = [
      ['/events?channel=sms&channel=nope', 'channel'],
      ['/messages?limit=1&limit=2', 'limit'],
      ['/inbound?channel=sms&channel=email', 'channel'],
    ]
    for (const [path, field] of twice) {
      const answer = await control('GET', path!)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toEqual({
        code: 'invalid_request',
        message: `Invalid query at "${field}": ?${field}= is given 2 times; give it once`,
        field,
      })
    }
  })

  it('refuses a blank address for the email lists, naming it, rather than listing ""', async () => {
    const blank = [
      ['POST', '/suppression', { address: '   ' }, 'address'],
      ['POST', '/unsubscribes', { sender: 'news@brand.test', address: '\t' }, 'address'],
      ['PUT', '/sandbox', { verified: ['team.test', ' @ '] }, 'verified[1]'],
      ['POST', '/inbound/unsubscribe', { from: ' ', senderId: 'news@brand.test' }, 'from'],
    ] as const
    for (const [method, path, body, field] of blank) {
      const answer = await control(method, path, body)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({ code: 'invalid_request', field })
    }
    expect(emulator.suppressed()).toEqual([])
    expect(emulator.unsubscribed()).toEqual([])
    expect(emulator.sandbox().verified).toEqual([])
  })

  it('refuses a consent group id no request could name (blank, or with spaces around it), naming it', async () => {
    for (const id of ['%20', 'g1%20', '%09g1']) {
      const answer = await control('PUT', `/contact-policy/groups/${id}`, {})
      expect(answer.status, id).toBe(400)
      expect(await answer.json()).toMatchObject({
        code: 'invalid_request',
        field: 'id',
        message: 'Invalid consent group at "id": a group id cannot be blank or begin or end with spaces',
      })
    }
    const member = { channel: 'email', address: 'ann@example.com', consent: true }
    expect((await control('POST', '/contact-policy/groups/%20/members', member)).status).toBe(400)
    expect((await control('GET', '/contact-policy')).status).toBe(200)
    expect(emulator.contactPolicy.groups()).toEqual([])
  })

  it('refuses a key sent to a route that takes no body, naming it, rather than ignoring it', async () => {
    const one = await control('POST', '/webhooks/replay', { id: 'd1' })
    expect(one.status).toBe(400)
    expect(await one.json()).toMatchObject({ code: 'invalid_request', field: 'id' })
    emulator.setChaos({ errorRate: 0.5 })
    try {
      const off = await control('DELETE', '/chaos', { errorRate: 0.1 })
      expect(off.status).toBe(400)
      expect(await off.json()).toMatchObject({ code: 'invalid_request', field: 'errorRate' })
      expect(emulator.chaos()).toMatchObject({ errorRate: 0.5 })
      // Nothing, or nothing but {}, is still fine.
      expect((await control('POST', '/webhooks/replay', {})).status).toBe(200)
      expect((await control('DELETE', '/chaos')).status).toBe(204)
    } finally {
      emulator.setChaos(undefined)
    }
  })

  it('refuses a query key on a route that reads none, naming it, rather than ignoring the filter', async () => {
    for (const [path, field] of [
      ['/webhooks/targets?channel=sms', 'channel'],
      ['/suppression?address=ann%40x.test', 'address'],
      ['/stats?verbose=1', 'verbose'],
    ]) {
      const answer = await control('GET', path!)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({ code: 'invalid_request', field })
    }
    // The control token's own parameter is no route's.
    expect((await fetch(`${server.url}/_emulator/webhooks/targets?token=${token}`)).status).toBe(200)
  })

  it('takes ?limit= as digits only, refusing "", "0x10" or "1e2" as not a whole number', async () => {
    for (const limit of ['', '0x10', '1e2', '+5']) {
      const answer = await control('GET', `/messages?limit=${encodeURIComponent(limit)}`)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toEqual({
        code: 'invalid_request',
        message: 'Invalid query at "limit": not a whole number: give 1 to 1000',
        field: 'limit',
      })
    }
    expect((await control('GET', '/messages?limit=1000')).status).toBe(200)
  })

  it('requires the control token on control routes but not on health, the console or the vendor API', async () => {
    const refused = await fetch(`${server.url}/_emulator/messages`)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ code: 'control_token_required' })
    expect((await fetch(`${server.url}/_emulator/messages`, { headers: { 'x-emulator-token': token } })).status).toBe(
      200,
    )
    expect((await fetch(`${server.url}/_emulator/health`)).status).toBe(200)
    expect((await fetch(`${server.url}/_emulator`)).status).toBe(200)
    const redirected = await fetch(`${server.url}/_emulator/?token=${token}`, { redirect: 'manual' })
    expect(redirected.status).toBe(308)
    expect(redirected.headers.get('location')).toBe(`/_emulator?token=${token}`)
    const sent = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'any', 'content-type': 'application/json' },
      body: JSON.stringify(mail('bob@x.test')),
    })
    expect(sent.status).toBe(201)
  })

  it('answers a JSON POST with no body at all (no content-length, as `curl -X POST -H "content-type: application/json"` sends it)', async () => {
    const status = await rawRequest(
      `POST /_emulator/webhooks/replay HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n`,
    )
    expect(status).toBe('HTTP/1.1 200 OK')
  })

  it('refuses a POST that does not say JSON, body or not (a web page could send it to another site)', async () => {
    const status = await rawRequest(
      `POST /_emulator/webhooks/replay HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    )
    expect(status).toBe('HTTP/1.1 415 Unsupported Media Type')
  })
})
