import { describe, expect, it } from 'vitest'
import { controlApp, mail } from './control-app.js'

describe('/_emulator/webhooks/targets', () => {
  it('adds a target with defaults, lists it, and sends it receipts', async () => {
    const { call, send, sink, emulator } = controlApp()
    const added = await call('POST', '/_emulator/webhooks/targets', { url: 'http://app.test/a' })
    expect(added.status).toBe(201)
    expect(added.body).toEqual({ id: 't1', url: 'http://app.test/a', format: 'webhook', headers: {} })
    expect((await call('GET', '/_emulator/webhooks/targets')).body).toEqual({ targets: [added.body] })
    await send(mail('ann@a.test'))
    await emulator.advance(0)
    expect(sink.map((r) => r.url)).toEqual(['http://app.test/a'])
  })

  it('changes only what a PATCH names: format, headers, secret; null clears the secret and the events filter', async () => {
    const { call, send, sink, emulator } = controlApp()
    await call('POST', '/_emulator/webhooks/targets', {
      url: 'http://app.test/a',
      events: ['bounce'],
      headers: { 'x-team': 'mail' },
    })
    const changed = await call('PATCH', '/_emulator/webhooks/targets/t1', { format: 'datastream', hubSecret: 's3cret' })
    expect(changed.status).toBe(200)
    expect(changed.body).toEqual({
      id: 't1',
      url: 'http://app.test/a',
      format: 'datastream',
      events: ['bounce'],
      headers: { 'x-team': 'mail' },
      hubSecret: 's3cret',
    })

    await send(mail('ann+bounce@a.test'))
    await emulator.advance(60_000)
    expect(sink).toHaveLength(1)
    expect(sink[0]!.payload).toHaveProperty('dataIntegration')
    expect(sink[0]!.headers).toMatchObject({ 'x-team': 'mail' })
    expect(sink[0]!.hubSecret).toBe('s3cret')

    const cleared = await call('PATCH', '/_emulator/webhooks/targets/t1', {
      events: null,
      hubSecret: null,
      headers: {},
    })
    expect(cleared.body).toEqual({ id: 't1', url: 'http://app.test/a', format: 'datastream', headers: {} })
    await send(mail('bob@a.test'))
    await emulator.advance(0)
    expect(sink.at(-1)!.hubSecret).toBeUndefined()
    expect(sink.at(-1)!.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus).toBe('Submitted')
  })

  it('removes a target: it gets nothing more', async () => {
    const { call, send, sink, emulator } = controlApp({
      config: { webhooks: { targets: [{ url: 'http://app.test/a' }] } },
    })
    expect((await call('DELETE', '/_emulator/webhooks/targets/t1')).status).toBe(204)
    expect((await call('GET', '/_emulator/webhooks/targets')).body).toEqual({ targets: [] })
    await send(mail('ann@a.test'))
    await emulator.advance(60_000)
    expect(sink).toEqual([])
  })

  it.each([
    ['POST', '/_emulator/webhooks/targets', '{"url":', 400, 'invalid_json', /Invalid JSON/],
    ['POST', '/_emulator/webhooks/targets', {}, 400, 'invalid_request', /"url"/],
    ['POST', '/_emulator/webhooks/targets', { url: 'ftp://app.test' }, 400, 'invalid_request', /url.*http\(s\) URL/],
    [
      'POST',
      '/_emulator/webhooks/targets',
      { url: 'http://app.test', format: 'xml' },
      400,
      'invalid_request',
      /format.*"webhook"\|"datastream"/,
    ],
    [
      'POST',
      '/_emulator/webhooks/targets',
      { url: 'http://app.test', events: ['everything'] },
      400,
      'invalid_request',
      /events\[0\]/,
    ],
    [
      'POST',
      '/_emulator/webhooks/targets',
      { url: 'http://app.test', headers: { 'x-n': 1 } },
      400,
      'invalid_request',
      /headers\.x-n.*expected string/,
    ],
    [
      'POST',
      '/_emulator/webhooks/targets',
      { url: 'http://app.test', secret: 'x' },
      400,
      'invalid_request',
      /Unrecognized key: "secret"/,
    ],
    ['PATCH', '/_emulator/webhooks/targets/t1', '[', 400, 'invalid_json', /Invalid JSON/],
    ['PATCH', '/_emulator/webhooks/targets/t1', { format: 'xml' }, 400, 'invalid_request', /format/],
    ['PATCH', '/_emulator/webhooks/targets/t1', { hubSecret: '' }, 400, 'invalid_request', /hubSecret/],
    ['PATCH', '/_emulator/webhooks/targets/t1', { id: 't2' }, 400, 'invalid_request', /Unrecognized key: "id"/],
    ['PATCH', '/_emulator/webhooks/targets/t9', { format: 'datastream' }, 404, 'not_found', /No webhook target "t9"/],
    ['DELETE', '/_emulator/webhooks/targets/t9', undefined, 404, 'not_found', /No webhook target "t9"/],
  ])('%s %s %j answers %i %s and changes nothing', async (method, path, body, status, code, message) => {
    const { expectRefused } = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/a' }] } } })
    await expectRefused(method, path, body, status, code, message)
  })
})

describe('/_emulator/webhooks deliveries and replay', () => {
  /** The app's endpoint fails until `healthy` is set. */
  async function failing() {
    let healthy = false
    const ctx = controlApp({
      config: { webhooks: { targets: [{ url: 'http://app.test/a' }], retries: 1, retryDelay: '1s' } },
      respond: () => (healthy ? { status: 200, latencyMs: 4 } : { status: 503, latencyMs: 9 }),
    })
    const id = (await ctx.send(mail('ann@a.test'))).body.messageId
    await ctx.emulator.advance(10_000)
    return { ...ctx, id, heal: () => (healthy = true) }
  }

  it('lists deliveries with every attempt, filtered by state and message', async () => {
    const { call, id } = await failing()
    const all = (await call('GET', '/_emulator/webhooks')).body.deliveries
    expect(all.map((d: any) => [d.event, d.state])).toEqual([
      ['7501', 'failed'],
      ['7500', 'failed'],
    ])
    expect(all[0].attempts.map((a: any) => [a.status, a.latencyMs, a.verdict])).toEqual([
      [503, 9, 'retry'],
      [503, 9, 'failed'],
    ])
    expect((await call('GET', '/_emulator/webhooks?state=failed')).body.deliveries).toHaveLength(2)
    expect((await call('GET', '/_emulator/webhooks?state=delivered')).body.deliveries).toHaveLength(0)
    expect((await call('GET', `/_emulator/webhooks?messageId=${id}`)).body.deliveries).toHaveLength(2)
    expect((await call('GET', '/_emulator/webhooks?messageId=other')).body.deliveries).toHaveLength(0)
    expect((await call('GET', `/_emulator/webhooks/${all[0].id}`)).body).toEqual(all[0])
  })

  it('replays one failed delivery, which then succeeds', async () => {
    const { call, heal, emulator, sink } = await failing()
    const [first, second] = emulator.deliveries().map((d) => d.id)
    heal()
    const replayed = await call('POST', `/_emulator/webhooks/${first}/replay`)
    expect(replayed).toMatchObject({ status: 200, body: { replayed: 1 } })
    await emulator.advance(0)
    const delivery = (await call('GET', `/_emulator/webhooks/${first}`)).body
    expect(delivery.state).toBe('delivered')
    expect(delivery.attempts.at(-1)).toMatchObject({ status: 200, verdict: 'delivered' })
    expect(sink.at(-1)!.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus).toBe('Submitted')
    expect((await call('GET', `/_emulator/webhooks/${second}`)).body.state).toBe('failed')
  })

  it('replays every failed delivery at once', async () => {
    const { call, heal, emulator } = await failing()
    heal()
    expect((await call('POST', '/_emulator/webhooks/replay')).body).toEqual({ replayed: 2 })
    await emulator.advance(0)
    expect((await call('GET', '/_emulator/webhooks?state=delivered')).body.deliveries).toHaveLength(2)
    expect((await call('POST', '/_emulator/webhooks/replay')).body).toEqual({ replayed: 0 })
  })

  it('refuses to replay a delivery that has not failed, with 409', async () => {
    const { call, heal, emulator, expectRefused } = await failing()
    const first = emulator.deliveries()[0]!.id
    heal()
    await call('POST', `/_emulator/webhooks/${first}/replay`)
    await emulator.advance(0)
    await expectRefused(
      'POST',
      `/_emulator/webhooks/${first}/replay`,
      undefined,
      409,
      'conflict',
      new RegExp(`${first} is delivered; only failed deliveries can be replayed`),
    )
  })

  it.each([
    ['GET', '/_emulator/webhooks?state=lost', 400, 'invalid_request', /state/],
    ['GET', '/_emulator/webhooks?messageId=', 400, 'invalid_request', /messageId/],
    ['GET', '/_emulator/webhooks?target=t1', 400, 'invalid_request', /Unrecognized key: "target"/],
    ['GET', '/_emulator/webhooks/d99', 404, 'not_found', /No webhook delivery "d99"/],
    ['POST', '/_emulator/webhooks/d99/replay', 404, 'not_found', /No webhook delivery "d99"/],
  ])('%s %s answers %i %s and changes nothing', async (method, path, status, code, message) => {
    const { expectRefused } = await failing()
    await expectRefused(method, path, undefined, status, code, message)
  })
})
