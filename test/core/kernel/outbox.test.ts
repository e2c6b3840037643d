import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import {
  type Delivery,
  maxResponseBodyChars,
  Outbox,
  type OutboxOptions,
  type WebhookRequest,
  type WebhookResult,
} from '../../../src/core/kernel/outbox.js'
import { VirtualClock } from '../../../src/core/kernel/virtual-clock.js'

// The outbox on its own: a virtual clock, and a transport that answers as each test scripts (the
// adapter seam src/webhooks/ fills in production). Every edge here is one count: retries, caps, slots.
function outbox(
  options: Partial<Omit<OutboxOptions, 'transport'>> = {},
  answer: (request: WebhookRequest, index: number) => WebhookResult | Promise<WebhookResult> = () => ({
    status: 200,
    latencyMs: 1,
  }),
) {
  const clock = new VirtualClock(0)
  const sent: Array<{ id: string; body: string; at: number }> = []
  let ids = 0
  const box = new Outbox({
    clock,
    random: () => 0,
    faultRandom: createRandom(1),
    transport: () => async (request) => {
      sent.push({ id: request.id, body: request.body, at: clock.now() })
      return answer(request, sent.length - 1)
    },
    policy: { timeoutMs: 10_000, retries: 3, retryDelayMs: 60_000, backoffFactor: 1, jitter: 0 },
    concurrencyPerTarget: 10,
    ordering: 'none',
    faultsFor: () => undefined,
    maxDeliveries: 1_000,
    maxDeliveryBodyChars: 1_000_000,
    maxAttemptsPerDelivery: 100,
    newId: () => `d${++ids}`,
    onAttempt: () => undefined,
    ...options,
  })
  /** Fires every timer due by `until`, letting each attempt's promise settle. */
  async function run(until = Number.MAX_SAFE_INTEGER) {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      await box.idle()
      if (!clock.step(until)) break
    }
  }
  return { box, clock, sent, run }
}

const fields = (destination: string, url = 'http://app.test/hooks') => ({
  transid: 'm1',
  destination,
  event: '7500',
  target: { url, format: 'webhook' as const, source: 'target' as const, targetId: url },
  body: `{"to":"${destination}"}`,
  headers: {},
  hubSecret: undefined,
})

const verdicts = (d: Delivery | undefined) => d!.attempts.map((a) => a.verdict)

describe('outbox, on its own', () => {
  it('makes 1 + retries attempts at a failing receiver, retries apart, then fails', async () => {
    for (const retries of [0, 1, 3]) {
      const { box, sent, run } = outbox({ policy: { ...policyOf(), retries } }, () => ({ status: 503, latencyMs: 1 }))
      const delivery = box.enqueue(fields('ann'))
      await run()
      expect(verdicts(delivery)).toEqual([...Array(retries).fill('retry'), 'failed'])
      expect(delivery.state).toBe('failed')
      expect(sent.map((s) => s.at)).toEqual(Array.from({ length: retries + 1 }, (_, i) => i * 60_000))
    }
  })

  it('gives a replayed delivery a fresh set of retries, numbering its attempts on', async () => {
    const { box, run } = outbox({ policy: { ...policyOf(), retries: 1 } }, () => ({ status: 500, latencyMs: 1 }))
    const delivery = box.enqueue(fields('ann'))
    await run()
    expect(box.replay(delivery.id)).toBe(true)
    expect(box.replay(delivery.id)).toBe(false) // pending again, not failed
    await run()
    expect(delivery.attempts.map((a) => [a.number, a.verdict])).toEqual([
      [1, 'retry'],
      [2, 'failed'],
      [3, 'retry'],
      [4, 'failed'],
    ])
    expect(delivery.replayedAfter).toBe(2)
  })

  it('refuses to replay a delivery that did not fail, or an unknown one', async () => {
    const { box, run } = outbox()
    const delivery = box.enqueue(fields('ann'))
    await run()
    expect(delivery.state).toBe('delivered')
    expect(box.replay(delivery.id)).toBe(false)
    expect(box.replay('nope')).toBe(false)
  })

  it('records a transport that throws as a connection error, and retries it', async () => {
    const { box, run } = outbox({}, (_, index) => {
      if (index === 0) throw new Error('socket hang up')
      return { status: 200, latencyMs: 1 }
    })
    const delivery = box.enqueue(fields('ann'))
    await run()
    expect(delivery.attempts.map((a) => [a.error, a.status, a.verdict])).toEqual([
      ['socket hang up', undefined, 'retry'],
      [undefined, 200, 'delivered'],
    ])
  })

  it('keeps the first maxResponseBodyChars of what the receiver answered', async () => {
    const { box, run } = outbox({}, () => ({ status: 200, latencyMs: 1, responseBody: 'x'.repeat(5_000) }))
    const delivery = box.enqueue(fields('ann'))
    await run()
    expect(delivery.attempts[0]!.responseBody).toHaveLength(maxResponseBodyChars)
  })

  it('keeps exactly maxAttemptsPerDelivery attempts, dropping the oldest, and counts the dropped', async () => {
    const { box, run } = outbox({ maxAttemptsPerDelivery: 3, policy: { ...policyOf(), retries: 4 } }, () => ({
      status: 500,
      latencyMs: 1,
    }))
    const delivery = box.enqueue(fields('ann'))
    await run()
    expect(delivery.attempts.map((a) => a.number)).toEqual([3, 4, 5])
    expect(box.evictedAttempts).toBe(2)
  })

  it('keeps exactly maxDeliveries finished deliveries, forgetting the oldest first', async () => {
    const { box, run } = outbox({ maxDeliveries: 2 })
    box.enqueue(fields('a'))
    box.enqueue(fields('b'))
    await run()
    expect(box.list().map((d) => d.destination)).toEqual(['a', 'b'])
    expect(box.evicted).toBe(0)
    box.enqueue(fields('c'))
    await run()
    expect(box.list().map((d) => d.destination)).toEqual(['b', 'c'])
    expect(box.evicted).toBe(1)
  })

  it('runs at most concurrencyPerTarget attempts at a target at once, the rest in arrival order', async () => {
    const open: Array<() => void> = []
    let running = 0
    let most = 0
    const { box, clock, sent } = outbox({ concurrencyPerTarget: 2 }, async () => {
      most = Math.max(most, ++running)
      await new Promise<void>((resolve) => open.push(resolve))
      running--
      return { status: 200, latencyMs: 1 }
    })
    for (const who of ['a', 'b', 'c', 'd', 'e']) box.enqueue(fields(who))
    box.enqueue(fields('other', 'http://other.test/')) // another target has its own slots
    while (clock.step(0)); // every delivery is due now: those without a free slot wait in line
    expect(running).toBe(3)
    for (let i = 0; i < 50 && open.length > 0; i++) {
      open.shift()!()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await box.idle()
    expect(most).toBe(3)
    expect(sent.map((s) => JSON.parse(s.body).to)).toEqual(['a', 'b', 'other', 'c', 'd', 'e'])
    expect(box.list().every((d) => d.state === 'delivered')).toBe(true)
  })

  it('idle() resolves once the last attempt in flight has finished, not before', async () => {
    const open: Array<() => void> = []
    const { box, clock } = outbox({}, async () => {
      await new Promise<void>((resolve) => open.push(resolve))
      return { status: 200, latencyMs: 1 }
    })
    box.enqueue(fields('ann'))
    box.enqueue(fields('bob'))
    while (clock.step(0));
    expect(box.inFlight).toBe(2)
    let idle = false
    void box.idle().then(() => (idle = true))
    open.shift()!()
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect([box.inFlight, idle]).toEqual([1, false])
    open.shift()!()
    for (let i = 0; i < 5 && !idle; i++) await new Promise((resolve) => setImmediate(resolve))
    expect([box.inFlight, idle]).toEqual([0, true])
  })

  it('with per-recipient ordering, holds a receipt until the previous one to that recipient has finished', async () => {
    const { box, sent, run } = outbox({ ordering: 'per-recipient' }, (_, index) => ({
      status: index === 0 ? 500 : 200,
      latencyMs: 1,
    }))
    const first = box.enqueue(fields('ann'))
    const second = box.enqueue(fields('ann'))
    const other = box.enqueue(fields('bob'))
    expect(second.nextAttemptAt).toBeUndefined()
    await run()
    // ann's first failed once and was retried 60 s later; her second waited for it, bob did not.
    expect(sent.map((s) => [s.id, s.at])).toEqual([
      [first.id, 0],
      [other.id, 0],
      [first.id, 60_000],
      [second.id, 60_000],
    ])
  })

  it('interrupt() fails every unfinished delivery with the reason and leaves finished ones alone', async () => {
    const { box, run } = outbox({}, (request) => ({ status: request.body.includes('ann') ? 200 : 500, latencyMs: 1 }))
    const done = box.enqueue(fields('ann'))
    const retrying = box.enqueue(fields('bob'))
    await run(0)
    expect([done.state, retrying.state]).toEqual(['delivered', 'pending'])
    expect(box.interrupt('shutting down')).toBe(1)
    expect(retrying).toMatchObject({ state: 'failed', interrupted: 'shutting down', nextAttemptAt: undefined })
    expect(done.state).toBe('delivered')
    expect(box.interrupted).toBe(1)
    await run()
    expect(retrying.attempts).toHaveLength(1) // its scheduled retry was cancelled
  })

  it('forget() drops the selected deliveries and cancels their retries', async () => {
    const { box, sent, run } = outbox({}, () => ({ status: 500, latencyMs: 1 }))
    box.enqueue(fields('ann'))
    box.enqueue(fields('bob'))
    await run(0)
    box.forget((d) => d.destination === 'ann')
    await run()
    expect(box.list().map((d) => d.destination)).toEqual(['bob'])
    expect(sent.filter((s) => s.body.includes('ann'))).toHaveLength(1)
    expect(sent.filter((s) => s.body.includes('bob'))).toHaveLength(4)
  })
})

function policyOf() {
  return { timeoutMs: 10_000, retries: 3, retryDelayMs: 60_000, backoffFactor: 1, jitter: 0 }
}
