import { describe, expect, it } from 'vitest'
import { hostOf } from '../../src/core/emulator.js'
import { hook, mail, virtualOutbox } from './support/virtual-outbox.js'

/** One turn of the event loop (every promise settled meanwhile): no timer, no wall time. */
const tick = () => new Promise((resolve) => setImmediate(resolve))

/** Fires every timer due now without waiting for attempts in between, as real time would. */
function fireAllDue(clock: { step(limit: number): boolean; now(): number }) {
  while (clock.step(clock.now())) {
    // keep firing
  }
}

describe('webhook delivery guarantees (virtual time)', () => {
  it('never runs more than concurrencyPerTarget attempts at once per target, and delivers them all', async () => {
    let running = 0
    let most = 0
    const { emulator, clock } = virtualOutbox(
      { webhooks: { targets: [hook()], concurrencyPerTarget: 4 }, delays: { delivered: '1h' } },
      async () => {
        most = Math.max(most, ++running)
        await tick()
        running--
        return { status: 200, latencyMs: 1 }
      },
    )
    for (let i = 0; i < 40; i++) emulator.send(mail(`u${i}@a.test`))
    fireAllDue(clock)
    expect(emulator.stats().inFlight).toBe(4)
    await emulator.advance(1)
    expect(most).toBe(4)
    expect(emulator.deliveries().filter((d) => d.state === 'delivered')).toHaveLength(40)
  })

  it('counts the limit per target: a second target gets its own slots', async () => {
    const runningBy = new Map<string, number>()
    const most = new Map<string, number>()
    const { emulator, clock } = virtualOutbox(
      {
        webhooks: { targets: [hook(), hook({ url: 'http://other.test/hooks' })], concurrencyPerTarget: 2 },
        delays: { delivered: '1h' },
      },
      async (request) => {
        runningBy.set(request.url, (runningBy.get(request.url) ?? 0) + 1)
        most.set(request.url, Math.max(most.get(request.url) ?? 0, runningBy.get(request.url)!))
        await tick()
        runningBy.set(request.url, runningBy.get(request.url)! - 1)
        return { status: 200, latencyMs: 1 }
      },
    )
    for (let i = 0; i < 10; i++) emulator.send(mail(`u${i}@a.test`))
    fireAllDue(clock)
    await emulator.advance(1)
    expect([...most.values()]).toEqual([2, 2])
    expect(emulator.deliveries().filter((d) => d.state === 'delivered')).toHaveLength(20)
  })

  it('keeps per-recipient order when asked: Delivered waits for a Submitted being retried', async () => {
    const { emulator, sent } = virtualOutbox(
      { webhooks: { targets: [hook()], ordering: 'per-recipient' } },
      (_, index) => ({ status: index === 0 ? 503 : 200, latencyMs: 1 }),
    )
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.status)).toEqual(['Submitted', 'Submitted', 'Delivered'])
    expect(sent[2]!.at - sent[1]!.at).toBe(0)
  })

  it('lets Delivered overtake a retried Submitted without ordering (the vendor default)', async () => {
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook()] } }, (_, index) => ({
      status: index === 0 ? 503 : 200,
      latencyMs: 1,
    }))
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.status)).toEqual(['Submitted', 'Delivered', 'Submitted'])
  })

  it('lets the next receipt go when the previous one failed for good, with ordering on', async () => {
    const { emulator, sent } = virtualOutbox(
      { webhooks: { targets: [hook()], ordering: 'per-recipient', retries: 1 } },
      (request) => ({
        status:
          JSON.parse(request.body).deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Submitted' ? 500 : 200,
        latencyMs: 1,
      }),
    )
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.status)).toEqual(['Submitted', 'Submitted', 'Delivered'])
    expect(emulator.deliveries().map((d) => d.state)).toEqual(['failed', 'delivered'])
  })

  it('on shutdown records pending and in-flight deliveries as failed and interrupted, with the in-flight attempt', async () => {
    let release: (() => void) | undefined
    const { emulator, clock } = virtualOutbox(
      { webhooks: { targets: [hook()] }, delays: { delivered: '1h' } },
      (_, index) =>
        index === 0
          ? { status: 500, latencyMs: 1 }
          : new Promise((resolve) => (release = () => resolve({ status: 200, latencyMs: 1 }))),
    )
    emulator.send(mail('ann@a.test'))
    emulator.send(mail('bob@a.test'))
    fireAllDue(clock) // ann's attempt fails and waits for a retry; bob's hangs in flight
    await tick()
    const host = hostOf(emulator)
    host.drain()
    expect(host.interrupt('interrupted: test shutdown')).toBe(2)
    release!()
    await host.idle()
    const [ann, bob] = emulator.deliveries()
    expect(ann).toMatchObject({ state: 'failed', interrupted: 'interrupted: test shutdown' })
    expect(ann!.attempts.map((a) => a.verdict)).toEqual(['retry'])
    expect(bob).toMatchObject({ state: 'failed', interrupted: 'interrupted: test shutdown' })
    expect(bob!.attempts.map((a) => [a.verdict, a.error])).toEqual([['interrupted', 'interrupted: test shutdown']])
    expect(emulator.stats().interruptedDeliveries).toBe(2)
  })

  it('caps attempts kept per delivery, oldest first, and counts them in stats', async () => {
    const { emulator } = virtualOutbox(
      {
        webhooks: { targets: [hook()], retries: 5, retryDelay: 10 },
        limits: { maxAttemptsPerDelivery: 2 },
        delays: { delivered: '1h' },
      },
      () => ({ status: 500, latencyMs: 1 }),
    )
    emulator.send(mail('ann@a.test'))
    await emulator.advance(1_000)
    const [delivery] = emulator.deliveries()
    expect(delivery!.attempts.map((a) => a.number)).toEqual([5, 6])
    expect(delivery!.state).toBe('failed')
    expect(emulator.stats().evictedAttempts).toBe(4)
  })

  it('caps receipts kept per recipient and inbound events, and counts them in stats', async () => {
    const { emulator } = virtualOutbox({ limits: { maxReceiptsPerRecipient: 2, maxInbound: 1 } })
    emulator.send(mail('ann+read@a.test', { content: { type: 'html', subject: 'Hi', html: '<p>Hi</p>' } }))
    await emulator.runUntilIdle()
    expect(emulator.messages()[0]!.recipients[0]!.receipts.map((r) => r.kind)).toEqual(['delivered', 'read'])
    emulator.injectInboundEmail({ from: 'c@x.test', to: 'me@brand.test' })
    emulator.injectInboundEmail({ from: 'd@x.test', to: 'me@brand.test' })
    expect(emulator.inbound().map((e) => e.from)).toEqual(['d@x.test'])
    expect(emulator.stats()).toMatchObject({ evictedReceipts: 1, evictedInbound: 1 })
  })
})
