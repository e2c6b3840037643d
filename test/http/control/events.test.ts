import { describe, expect, it } from 'vitest'
import { closeEventStreams, maxQueuedEvents } from '../../../src/http/control/events-route.js'
import { eventually } from '../../support/eventually.js'
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
    // Up to the attempt: events that came after it may arrive in the same write.
    const events = (await stream.until(named('attempt'))).filter((_, i, all) =>
      all.slice(0, i).every((e) => e.event !== 'attempt'),
    )
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

  it('writes the events that came while it was writing in one go, not one write each', async () => {
    const { app, emulator } = controlApp()
    const reader = (await app.request('/_emulator/events')).body!.getReader()
    await reader.read() // hello
    // Forty recipients: a message and forty Submitted receipts, all before the stream writes again.
    emulator.send(mail(Array.from({ length: 40 }, (_, n) => `user${n}@a.test`)))
    await emulator.advance(0)
    const decoder = new TextDecoder()
    let text = ''
    let writes = 0
    while ((text.match(/^id: /gm) ?? []).length < 41) {
      const { value } = await reader.read()
      text += decoder.decode(value, { stream: true })
      writes++
    }
    await reader.cancel()
    expect(text.match(/^event: receipt$/gm)).toHaveLength(40)
    // The message's event goes out at once; the forty receipts that follow it, together.
    expect(writes).toBeLessThanOrEqual(2)
  })

  it('writes what came while its last write waited on the client before it says shutdown', async () => {
    const { app, emulator } = controlApp()
    const reader = (await app.request('/_emulator/events')).body!.getReader()
    await reader.read() // hello
    // A turn of the event loop after each: the stream writes the first message into its buffer, and
    // the second one's write then waits for this reader, which is not reading.
    const turn = () => new Promise((resolve) => setImmediate(resolve))
    emulator.send(mail('a@a.test'))
    await turn()
    emulator.send(mail('b@a.test'))
    await turn()
    emulator.send(mail('c@a.test'))
    emulator.send(mail('d@a.test'))
    closeEventStreams(emulator)
    const decoder = new TextDecoder()
    let text = ''
    for (let read = await reader.read(); !read.done; read = await reader.read())
      text += decoder.decode(read.value, { stream: true })
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual([
      'message',
      'message',
      'message',
      'message',
      'shutdown',
    ])
  })

  it('lets go of its subscription when the client goes away', async () => {
    const { stream, emulator } = await openStream()
    expect(emulator.stats().eventSubscribers).toBe(1)
    await stream.cancel()
    await eventually(
      () => emulator.stats().eventSubscribers,
      (n) => n === 0,
      { what: 'the event stream to let go of its subscription' },
    )
  })
})

describe('GET /_emulator/events, a client that stops reading', () => {
  it(`keeps at most ${maxQueuedEvents} events for it, then says how many went, where they were`, async () => {
    const { app, emulator } = controlApp()
    const response = await app.request('/_emulator/events')
    const stream = sseReader(response.body!)
    await stream.until((events) => events.length >= 1)
    // Not read meanwhile: a message and two receipts per send.
    const sends = 4_000
    for (let n = 0; n < sends; n++) emulator.send(mail(`user${n}@a.test`))
    await emulator.advance(2_000)
    const total = 3 * sends
    // Up to the last receipt: the clock's state event after it may come in the same chunk or not.
    const read = await stream.until((seen) => seen.some((e) => e.id === String(total)), 20_000)
    await stream.cancel()
    const events = read.slice(0, read.findIndex((e) => e.id === String(total)) + 1)
    const lagged = events.filter((e) => e.event === 'lagged')
    expect(lagged).toHaveLength(1)
    const dropped = lagged[0]!.data.dropped as number
    const numbered = events.filter((e) => e.id !== undefined)
    // Every event is either read or counted as dropped; at most the cap (and the one being written) kept.
    expect(numbered.length + dropped).toBe(total)
    expect(numbered.length).toBeLessThanOrEqual(maxQueuedEvents + 2)
    // The notice stands where the gap is: the next id jumps by what was dropped.
    const at = events.indexOf(lagged[0]!)
    expect(Number(events[at + 1]!.id) - Number(events[at - 1]!.id ?? 0)).toBe(dropped + 1)
  })
})

describe('GET /_emulator/events, a client that falls behind again', () => {
  it('tells of events dropped while the lagged notice itself waited on the client', async () => {
    const { app, emulator } = controlApp()
    let emitted = 0
    emulator.subscribe(() => emitted++)
    const stream = sseReader((await app.request('/_emulator/events')).body!)
    await stream.until((events) => events.length >= 1)
    let n = 0
    for (; n < maxQueuedEvents + 100; n++) emulator.send(mail(`user${n}@a.test`))
    let more = false
    const events = await stream.until((seen) => {
      // The first notice read: events keep coming while the client is behind again.
      if (!more && seen.some((e) => e.event === 'lagged')) {
        // Behind again: more than the stream keeps comes before it writes again.
        more = true
        for (let m = 0; m < maxQueuedEvents + 50; m++, n++) emulator.send(mail(`user${n}@a.test`))
      }
      return more && seen.at(-1)?.id === String(emitted)
    }, 20_000)
    await stream.cancel()
    const lagged = events.filter((e) => e.event === 'lagged').map((e) => e.data.dropped as number)
    expect(lagged).toHaveLength(2)
    expect(lagged[1]).toBeGreaterThanOrEqual(50)
    expect(events.filter((e) => e.id !== undefined).length + lagged[0]! + lagged[1]!).toBe(emitted)
  })
})
