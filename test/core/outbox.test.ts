import { describe, expect, it } from 'vitest'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

describe('webhook delivery', () => {
  it('retries a failing receiver 3 times, 60 s apart, then keeps the delivery as failed', async () => {
    const { emulator, sink } = createTestEmulator({ delays: { delivered: 10_000_000 } }, () => ({
      status: 500,
      latencyMs: 3,
    }))
    emulator.send(emailTo('ann@a.test'))
    await emulator.advance(1_000_000)
    expect(sink.map((r) => r.at - sink[0]!.at)).toEqual([0, 60_000, 120_000, 180_000])
    const [delivery] = emulator.deliveries()
    expect(delivery).toMatchObject({ state: 'failed', event: '7501' })
    expect(delivery!.attempts.map((a) => [a.status, a.verdict])).toEqual([
      [500, 'retry'],
      [500, 'retry'],
      [500, 'retry'],
      [500, 'failed'],
    ])
  })

  it('stops retrying once the receiver recovers', async () => {
    const { emulator, sink } = createTestEmulator({}, (_, index) => ({ status: index === 0 ? 503 : 200, latencyMs: 1 }))
    emulator.send(emailTo('ann@a.test'))
    await emulator.runUntilIdle()
    expect(emulator.deliveries().map((d) => [d.event, d.state, d.attempts.length])).toEqual([
      ['7501', 'delivered', 2],
      ['7500', 'delivered', 1],
    ])
    expect(sink).toHaveLength(3)
  })

  it('retries timeouts and connection errors', async () => {
    const { emulator } = createTestEmulator({ webhooks: { targets: [] } }, (_, index) =>
      index < 2 ? { error: 'connect ECONNREFUSED', latencyMs: 0 } : { status: 200, latencyMs: 1 },
    )
    emulator.send(emailTo('ann@a.test', { requestedReceipts: ['submitted'], notifyUrl: 'http://x.test/' }))
    await emulator.runUntilIdle()
    expect(emulator.deliveries()[0]!.attempts.map((a) => a.error ?? a.status)).toEqual([
      'connect ECONNREFUSED',
      'connect ECONNREFUSED',
      200,
    ])
  })

  it.each([404, 400, 301, 410, 418, 505])('does not retry a %i (vendor no-retry list)', async (status) => {
    const { emulator } = createTestEmulator({}, () => ({ status, latencyMs: 1 }))
    emulator.send(emailTo('ann@a.test'))
    await emulator.runUntilIdle()
    expect(emulator.deliveries().map((d) => [d.state, d.attempts.length])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ])
  })

  it.each([200, 201, 204, 226])('counts a %i answer as delivered at the first attempt', async (status) => {
    const { emulator } = createTestEmulator({}, () => ({ status, latencyMs: 1 }))
    emulator.send(emailTo('ann@a.test'))
    await emulator.runUntilIdle()
    expect(emulator.deliveries().map((d) => [d.state, d.attempts.map((a) => a.verdict)])).toEqual([
      ['delivered', ['delivered']],
      ['delivered', ['delivered']],
    ])
  })

  it.each([401, 403, 429, 500, 502, 503])('retries a %i answer 3 times before failing', async (status) => {
    const { emulator } = createTestEmulator({}, () => ({ status, latencyMs: 1 }))
    emulator.send(emailTo('ann@a.test'))
    await emulator.runUntilIdle()
    const verdicts = ['retry', 'retry', 'retry', 'failed']
    expect(emulator.deliveries().map((d) => [d.state, d.attempts.map((a) => a.verdict)])).toEqual([
      ['failed', verdicts],
      ['failed', verdicts],
    ])
  })

  it('spaces retries by the backoff factor', async () => {
    const { emulator, sink } = createTestEmulator(
      { webhooks: { targets: [{ url: 'http://a.test/' }], retryDelay: '1s', backoffFactor: 2, retries: 3 } },
      () => ({ status: 500, latencyMs: 0 }),
    )
    emulator.send(emailTo('ann@a.test', { requestedReceipts: ['submitted'] }))
    await emulator.runUntilIdle()
    const submitted = sink.filter((r) => r.payload.deliveryInfoNotification.deliveryInfo.code === '7501')
    expect(submitted.map((r) => r.at - submitted[0]!.at)).toEqual([0, 1_000, 3_000, 7_000])
  })

  it('forgets the oldest finished deliveries past the cap, and counts them', async () => {
    const { emulator } = createTestEmulator({ limits: { maxDeliveries: 3 } })
    for (let i = 0; i < 3; i++) emulator.send(emailTo(`u${i}@a.test`))
    await emulator.runUntilIdle()
    expect(emulator.deliveries()).toHaveLength(3)
    expect(emulator.stats().evictedDeliveries).toBe(3)
  })

  it('forgets the oldest finished deliveries once their bodies pass the byte budget, whatever their count', async () => {
    const { emulator } = createTestEmulator({ limits: { maxDeliveryBodyChars: 2_500 } })
    for (let i = 0; i < 4; i++) emulator.send(emailTo(`u${i}@a.test`))
    await emulator.runUntilIdle()
    const kept = emulator.deliveries()
    const chars = kept.reduce((n, d) => n + d.body.length, 0)
    expect(chars).toBeLessThanOrEqual(2_500)
    expect(kept.length).toBeGreaterThan(0)
    expect(emulator.stats().evictedDeliveries).toBe(8 - kept.length)
    // The newest stay: the last receipt of the last message is among them.
    expect(kept.at(-1)?.destination).toBe('u3@a.test')
  })

  it('never evicts a pending delivery, evicts finished ones oldest first, and keeps a replayed one until it finishes again', async () => {
    // u0's first attempt fails for good (404 is final), so it can be replayed. Every other attempt
    // gets a 500 (and stays pending, waiting for a retry) until the receiver recovers.
    let recovered = false
    let u0Attempts = 0
    const config = {
      limits: { maxDeliveries: 4 },
      webhooks: { targets: [{ url: 'http://app.test/hooks', events: ['submitted' as const] }] },
    }
    const { emulator } = createTestEmulator(config, (request) => {
      if (request.body.includes('u0@a.test') && u0Attempts++ === 0) return { status: 404, latencyMs: 0 }
      return { status: recovered ? 200 : 500, latencyMs: 0 }
    })
    emulator.send(emailTo('u0@a.test'))
    await emulator.advance(1_000)
    const failed = emulator.deliveries()[0]!
    expect(failed.state).toBe('failed')
    expect(emulator.replay(failed.id)).toBe(true)
    for (let i = 1; i <= 6; i++) emulator.send(emailTo(`u${i}@a.test`))
    await emulator.advance(1_000)
    // Nothing has finished, so nothing may go, however far past the cap — the replayed one included.
    expect(emulator.deliveries().map((d) => [d.destination, d.state])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => [`u${i}@a.test`, 'pending']),
    )
    recovered = true
    await emulator.runUntilIdle()
    // What is left is what finished last: the retries succeeded in order u0, u1, … u6.
    expect(emulator.deliveries().map((d) => [d.destination, d.state])).toEqual(
      [3, 4, 5, 6].map((i) => [`u${i}@a.test`, 'delivered']),
    )
    expect(emulator.stats().evictedDeliveries).toBe(7 - 4)
  })

  it('forgets the oldest messages past the cap, and counts them', async () => {
    const { emulator } = createTestEmulator({ limits: { maxMessages: 2 } })
    const ids = [0, 1, 2].map((i) => emulator.send(emailTo(`u${i}@a.test`)).messageId)
    expect(emulator.messages().map((m) => m.messageId)).toEqual(ids.slice(1))
    expect(emulator.stats().evictedMessages).toBe(1)
    await emulator.runUntilIdle() // the evicted message's steps still run without error
  })
})
