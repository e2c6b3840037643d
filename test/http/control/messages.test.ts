import { describe, expect, it } from 'vitest'
import { controlApp, mail } from './control-app.js'

async function threeMessages() {
  const ctx = controlApp()
  const first = (await ctx.send(mail('ann@a.test'))).body.messageId
  await ctx.emulator.advance(60_000)
  const second = (await ctx.send(mail(['bob+bounce@b.test', 'cat@c.test'], { from: 'billing@brand.test' }))).body
    .messageId
  await ctx.emulator.advance(60_000)
  const third = (await ctx.send(mail('ann@a.test'))).body.messageId
  await ctx.emulator.advance(0)
  return { ...ctx, ids: { first, second, third } }
}

describe('GET /_emulator/messages', () => {
  it('lists messages newest first, each with its recipients, fate and receipts', async () => {
    const { call, ids } = await threeMessages()
    const { status, body } = await call('GET', '/_emulator/messages')
    expect(status).toBe(200)
    expect(body.messages.map((m: any) => m.messageId)).toEqual([ids.third, ids.second, ids.first])
    expect(body.total).toBe(3)
    expect(body.nextCursor).toBeNull()
    const second = body.messages[1]
    expect(second.recipients.map((r: any) => [r.address, r.fate])).toEqual([
      ['bob+bounce@b.test', 'bounce Permanent_General (magic address)'],
      ['cat@c.test', 'delivered (default)'],
    ])
    expect(second.recipients[0].receipts[0]).toMatchObject({ status: 'Submitted', code: '7501' })
  })

  it('filters by recipient (part of the address), sender, current status and acceptance time', async () => {
    const { call, ids, emulator } = await threeMessages()
    await emulator.advance(2_000)
    const idsOf = async (query: string) =>
      (await call('GET', `/_emulator/messages?${query}`)).body.messages.map((m: any) => m.messageId)
    expect(await idsOf('recipient=ANN@')).toEqual([ids.third, ids.first])
    expect(await idsOf('sender=Billing@brand.test')).toEqual([ids.second])
    expect(await idsOf('status=Bounce')).toEqual([ids.second])
    const start = emulator.message(ids.first)!.acceptedAt
    expect(await idsOf(`since=${start + 60_000}`)).toEqual([ids.third, ids.second])
    expect(await idsOf(`until=${new Date(start + 60_000).toISOString()}`)).toEqual([ids.second, ids.first])
    expect(await idsOf('recipient=ann@&status=Bounce')).toEqual([])
  })

  it('pages with a cursor: every message once, in order, the last page without a cursor', async () => {
    const { call, ids } = await threeMessages()
    const page1 = (await call('GET', '/_emulator/messages?limit=2')).body
    expect(page1.messages.map((m: any) => m.messageId)).toEqual([ids.third, ids.second])
    expect(page1.total).toBe(3)
    expect(page1.nextCursor).toBe(ids.second)
    const page2 = (await call('GET', `/_emulator/messages?limit=2&cursor=${page1.nextCursor}`)).body
    expect(page2.messages.map((m: any) => m.messageId)).toEqual([ids.first])
    expect(page2.nextCursor).toBeNull()
  })

  it.each([
    ['limit=0', 'limit', /limit.*>=1/],
    ['limit=abc', 'limit', /limit.*number/],
    ['limit=1001', 'limit', /limit.*<=1000/],
    ['status=Lost', 'status', /status.*Submitted/],
    ['since=yesterday', 'since', /"yesterday" is not a time/],
    ['since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z', 'since', /"since" is after "until"/],
    ['cursor=no-such-id', 'cursor', /no message "no-such-id"/],
    ['recipient=', 'recipient', /recipient/],
    ['colour=red', 'colour', /Unrecognized key: "colour"/],
  ])('refuses ?%s with 400 naming %s', async (query, field, message) => {
    const { expectRefused } = await threeMessages()
    const error = await expectRefused('GET', `/_emulator/messages?${query}`, undefined, 400, 'invalid_request', message)
    expect(error.field).toBe(field)
  })
})

describe('GET /_emulator/messages/:messageId', () => {
  it('returns the message with every receipt and every webhook attempt: body, status, latency, error', async () => {
    let n = 0
    const ctx = controlApp({
      config: { webhooks: { targets: [{ url: 'http://app.test/hooks' }] } },
      respond: () => (n++ === 0 ? { error: 'connect ECONNREFUSED', latencyMs: 2 } : { status: 200, latencyMs: 7 }),
    })
    const id = (await ctx.send(mail('ann@a.test'))).body.messageId
    await ctx.emulator.advance(120_000)
    const { status, body } = await ctx.call('GET', `/_emulator/messages/${id}`)
    expect(status).toBe(200)
    expect(body.messageId).toBe(id)
    expect(body.recipients[0].receipts.map((r: any) => r.status)).toEqual(['Submitted', 'Delivered'])
    expect(body.deliveries).toHaveLength(2)
    const submitted = body.deliveries.find((d: any) => d.event === '7501')
    expect(JSON.parse(submitted.body).deliveryInfoNotification.deliveryInfo.deliveryStatus).toBe('Submitted')
    expect(submitted.target.url).toBe('http://app.test/hooks')
    expect(submitted.attempts.map((a: any) => [a.status ?? null, a.error ?? null, a.latencyMs, a.verdict])).toEqual([
      [null, 'connect ECONNREFUSED', 2, 'retry'],
      [200, null, 7, 'delivered'],
    ])
  })

  it('answers 404 naming an unknown message id', async () => {
    const { expectRefused } = await threeMessages()
    await expectRefused('GET', '/_emulator/messages/nope', undefined, 404, 'not_found', /No message with id "nope"/)
  })
})
