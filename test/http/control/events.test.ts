import { describe, expect, it } from 'vitest'
import { controlApp, mail } from './control-app.js'
import { sseReader } from './sse.js'

async function openStream() {
  const ctx = controlApp({
    config: { webhooks: { targets: [{ url: 'http://app.test/hooks', events: ['submitted', 'inbound'] }] } },
  })
  const response = await ctx.app.request('/_emulator/events')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const stream = sseReader(response.body!)
  await stream.until((events) => events.length >= 1)
  return { ...ctx, stream }
}

const named = (name: string) => (events: { event: string }[]) => events.some((e) => e.event === name)

describe('GET /_emulator/events', () => {
  it('starts with a hello carrying the clock', async () => {
    const { stream, emulator } = await openStream()
    expect(stream.events[0]).toEqual({
      event: 'hello',
      data: expect.objectContaining({ mode: 'virtual', now: emulator.now() }),
    })
    await stream.cancel()
  })

  it('names every event: message, receipt and webhook attempt, with numbered ids', async () => {
    const { stream, send, emulator } = await openStream()
    const { messageId } = (await send(mail('ann@a.test'))).body
    await emulator.advance(0)
    const events = await stream.until(named('attempt'))
    expect(events.slice(1).map((e) => e.event)).toEqual(['message', 'receipt', 'attempt'])
    expect(events.slice(1).map((e) => e.id)).toEqual(['1', '2', '3'])
    expect(events[1]!.data).toEqual({
      type: 'message',
      channel: 'email',
      messageId,
      from: 'news@brand.test',
      recipients: ['ann@a.test'],
    })
    expect(events[2]!.data).toMatchObject({
      type: 'receipt',
      messageId,
      destination: 'ann@a.test',
      status: 'Submitted',
      code: '7501',
    })
    expect(events[3]!.data).toMatchObject({
      type: 'attempt',
      deliveryId: emulator.deliveries()[0]!.id,
      messageId,
      url: 'http://app.test/hooks',
      status: 200,
      verdict: 'delivered',
    })
    await stream.cancel()
  })

  it('streams state changes, inbound events and resets', async () => {
    const { stream, call } = await openStream()
    await call('POST', '/_emulator/suppression', { address: 'a@a.test' })
    await call('POST', '/_emulator/inbound/unsubscribe', { from: 'c@a.test', senderId: 's@a.test' })
    await call('POST', '/_emulator/reset')
    const events = await stream.until(named('reset'))
    expect(events.slice(1).map((e) => [e.event, e.data.what ?? e.data.event ?? null])).toEqual([
      ['state', 'suppression'],
      ['state', 'unsubscribes'],
      ['inbound', 'Unsubscribe'],
      ['reset', null],
    ])
    await stream.cancel()
  })

  it('lets go of its subscription when the client goes away', async () => {
    const { stream, emulator } = await openStream()
    expect(emulator.stats().eventSubscribers).toBe(1)
    await stream.cancel()
    const deadline = Date.now() + 2_000
    while (emulator.stats().eventSubscribers > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5))
    expect(emulator.stats().eventSubscribers).toBe(0)
  })
})
