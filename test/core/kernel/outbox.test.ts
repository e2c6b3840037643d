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
import { faultsSchema } from '../../../src/core/schemas/config.js'
import { collectGarbage } from '../../support/collect-garbage.js'

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
  channel: 'email',
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

    // A later busy spell is waited for too, by every caller: idle() hands out one promise per spell.
    box.enqueue(fields('cy'))
    while (clock.step(0));
    const waiting = [false, false]
    for (const index of [0, 1]) void box.idle().then(() => (waiting[index] = true))
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect([box.inFlight, ...waiting]).toEqual([1, false, false])
    open.shift()!()
    for (let i = 0; i < 5 && !waiting.every(Boolean); i++) await new Promise((resolve) => setImmediate(resolve))
    expect([box.inFlight, ...waiting]).toEqual([0, true, true])
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

/** Every fault off: the schema's defaults. */
const noFaults = faultsSchema.parse({})

describe('outbox: replays, budgets and shutting down', () => {
  it('is pending from the moment it is queued, and again from the moment it is replayed', async () => {
    const { box, run } = outbox({ policy: { ...policyOf(), retries: 0 } }, () => ({ status: 500, latencyMs: 1 }))
    const delivery = box.enqueue(fields('ann'))
    expect(delivery.state).toBe('pending')
    await run()
    expect(delivery.state).toBe('failed')
    box.replay(delivery.id)
    expect(delivery.state).toBe('pending')
  })

  it("spaces a replayed delivery's retries by the policy's backoff counted from the replay, not from attempt 1", async () => {
    const policy = { ...policyOf(), retries: 1, retryDelayMs: 1_000, backoffFactor: 10 }
    const { box, clock, sent, run } = outbox({ policy }, () => ({ status: 500, latencyMs: 1 }))
    const delivery = box.enqueue(fields('ann'))
    await run()
    clock.moveTo(100_000)
    box.replay(delivery.id)
    await run()
    // Before the replay: 0, then 1 s (the first retry's delay). After: 100 s, then 1 s again — a
    // backoff counted from attempt 1 would wait 1 s × 10³ after attempt 3.
    expect(sent.map((s) => s.at)).toEqual([0, 1_000, 100_000, 101_000])
  })

  it('gives back the body budget of forgotten deliveries, and evicts only past the budget, not at it', async () => {
    // Each body is 12 characters ({"to":"ann"}): three fill a 36-character budget exactly.
    const { box, run } = outbox({ maxDeliveryBodyChars: 36 })
    for (const who of ['ann', 'bob', 'cat']) box.enqueue(fields(who))
    await run()
    expect([box.list().length, box.evicted]).toEqual([3, 0])
    box.forget((d) => d.destination === 'ann')
    box.enqueue(fields('dan'))
    await run()
    expect(box.list().map((d) => d.destination)).toEqual(['bob', 'cat', 'dan'])
    expect(box.evicted).toBe(0)
    box.enqueue(fields('eve'))
    await run()
    expect(box.list().map((d) => d.destination)).toEqual(['cat', 'dan', 'eve'])
    expect(box.evicted).toBe(1)
  })

  it('after drain(), starts no attempt (new, retried or replayed); those in flight finish', async () => {
    const { box, sent, run } = outbox({ policy: { ...policyOf(), retries: 2 } }, () => ({ status: 500, latencyMs: 1 }))
    const failing = box.enqueue(fields('ann'))
    await run(0)
    expect(sent).toHaveLength(1)
    box.drain()
    const late = box.enqueue(fields('bob'))
    await run()
    expect(sent).toHaveLength(1)
    expect([failing.state, late.state]).toEqual(['pending', 'pending'])
  })

  it('refuses to replay once draining or interrupted', async () => {
    for (const stop of ['drain', 'interrupt'] as const) {
      const { box, run } = outbox({ policy: { ...policyOf(), retries: 0 } }, () => ({ status: 500, latencyMs: 1 }))
      const delivery = box.enqueue(fields('ann'))
      await run()
      if (stop === 'drain') box.drain()
      else box.interrupt('stopping')
      expect(box.replay(delivery.id)).toBe(false)
    }
  })

  it("records an interrupted attempt's latency on the real clock when it has one, else on its own clock", async () => {
    for (const [realNow, latency] of [
      [undefined, 250],
      [[5_000, 5_042.4], 42],
    ] as const) {
      const readings = realNow ? [...realNow] : []
      const { box, clock } = outbox(
        { realNow: realNow && (() => readings.shift()!) },
        () => new Promise<WebhookResult>(() => undefined),
      )
      clock.moveTo(1_000)
      const delivery = box.enqueue(fields('ann'))
      clock.step(1_000)
      clock.moveTo(1_250)
      box.interrupt('stopping')
      expect(delivery.attempts.map((a) => [a.verdict, a.latencyMs, a.error])).toEqual([
        ['interrupted', latency, 'stopping'],
      ])
      expect(readings, 'read once when the attempt started, once when it was cut off').toEqual([])
    }
  })
})

describe('outbox: slots, chains and eviction at the edges', () => {
  /** A transport whose answers wait until the test opens them, one at a time, oldest first. */
  function gated() {
    const open: Array<() => void> = []
    let running = 0
    let most = 0
    const answer = async () => {
      most = Math.max(most, ++running)
      await new Promise<void>((resolve) => open.push(resolve))
      running--
      return { status: 200, latencyMs: 1 }
    }
    const release = async () => {
      open.shift()!()
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    }
    return { answer, release, most: () => most }
  }

  it('frees exactly one slot when an attempt ends, so new deliveries never exceed concurrencyPerTarget', async () => {
    const gate = gated()
    const { box, clock } = outbox({ concurrencyPerTarget: 2 }, gate.answer)
    box.enqueue(fields('a'))
    box.enqueue(fields('b'))
    while (clock.step(0));
    await gate.release() // a ends: one slot free, b still running
    box.enqueue(fields('c'))
    box.enqueue(fields('d'))
    while (clock.step(0));
    expect(gate.most()).toBe(2)
    expect(box.inFlight).toBe(2)
  })

  it('never attempts a delivery forgotten while it waited for a slot', async () => {
    const gate = gated()
    const { box, clock, sent } = outbox({ concurrencyPerTarget: 1 }, gate.answer)
    for (const who of ['a', 'b', 'c', 'd']) box.enqueue(fields(who))
    while (clock.step(0));
    // b is first in line, d last: both are taken out of it, wherever they stand.
    box.forget((d) => d.destination === 'b' || d.destination === 'd')
    await gate.release()
    await gate.release()
    await box.idle()
    expect(sent.map((s) => JSON.parse(s.body).to)).toEqual(['a', 'c'])
  })

  it('with per-recipient ordering, forgetting a waiting receipt neither starts the next early nor sends the forgotten one', async () => {
    const gate = gated()
    const { box, clock, sent } = outbox({ ordering: 'per-recipient' }, gate.answer)
    const [first, second, third] = [box.enqueue(fields('ann')), box.enqueue(fields('ann')), box.enqueue(fields('ann'))]
    while (clock.step(0));
    box.forget((d) => d === second)
    while (clock.step(0));
    expect(sent.map((s) => s.id)).toEqual([first.id]) // third still waits for first
    await gate.release()
    while (clock.step(0));
    await gate.release()
    await box.idle()
    expect(sent.map((s) => s.id)).toEqual([first.id, third.id])
  })

  it('never evicts a replayed delivery that is pending again, though it finished once', async () => {
    const { box, run } = outbox({ maxDeliveries: 2, policy: { ...policyOf(), retries: 1 } }, (request) => ({
      status: request.body.includes('ann') ? 500 : 200,
      latencyMs: 1,
    }))
    const ann = box.enqueue(fields('ann'))
    await run() // failed at 60 s, after one retry
    box.replay(ann.id)
    box.enqueue(fields('bob'))
    box.enqueue(fields('cat'))
    await run(60_000) // ann's replay fails once and waits to retry; bob and cat are delivered
    // Over the cap with ann pending: the oldest finished one goes (bob), not ann.
    expect(box.list().map((d) => d.destination)).toEqual(['ann', 'cat'])
    expect(ann.state).toBe('pending')
  })
})

describe('outbox: faults on purpose', () => {
  it('holds a reordered delivery for reorderHold, and no longer than until a later one to the recipient is attempted', async () => {
    const { box, sent, run } = outbox({ faultsFor: () => ({ ...noFaults, reorder: true, reorderHold: 5_000 }) })
    const held = box.enqueue(fields('ann'))
    expect(held.nextAttemptAt).toBe(5_000)
    await run()
    expect(sent.map((s) => [s.id, s.at])).toEqual([[held.id, 5_000]])
    expect(held.attempts[0]!.faults).toEqual(['reorder'])
  })

  it('lets the next receipt to the same recipient overtake a reordered one, which goes right after it', async () => {
    // Only the first delivery is reordered (the faults apply while `reorder` is set).
    let reorder = true
    const { box, clock, sent, run } = outbox({
      faultsFor: () => (reorder ? { ...noFaults, reorder: true } : undefined),
    })
    const first = box.enqueue(fields('ann'))
    reorder = false
    clock.moveTo(1_000)
    const second = box.enqueue(fields('ann'))
    await run()
    expect(sent.map((s) => [s.id, s.at])).toEqual([
      [second.id, 1_000],
      [first.id, 1_000],
    ])
    // Its hold timer was cancelled when it was released: it is not attempted again at 5 s.
    expect(first.attempts).toHaveLength(1)
  })

  it("does not release a held delivery for another recipient's receipt", async () => {
    let reorder = true
    const { box, sent, run } = outbox({
      faultsFor: () => (reorder ? { ...noFaults, reorder: true, reorderHold: 5_000 } : undefined),
    })
    const held = box.enqueue(fields('ann'))
    reorder = false
    const other = box.enqueue(fields('bob'))
    await run()
    expect(sent.map((s) => [s.id, s.at])).toEqual([
      [other.id, 0],
      [held.id, 5_000],
    ])
  })

  it('releases a reordered delivery only for a later one: the retry of an older receipt does not free it', async () => {
    let reorder = false
    const { box, clock, sent, run } = outbox(
      { faultsFor: () => (reorder ? { ...noFaults, reorder: true, reorderHold: 100_000 } : undefined) },
      (_, index) => ({ status: index === 0 ? 500 : 200, latencyMs: 1 }),
    )
    const older = box.enqueue(fields('ann'))
    await run(0)
    clock.moveTo(1_000)
    reorder = true
    const held = box.enqueue(fields('ann'))
    reorder = false
    await run()
    expect(sent.map((s) => [s.id, s.at])).toEqual([
      [older.id, 0],
      [older.id, 60_000],
      [held.id, 101_000],
    ])
  })

  it('adds the fixed delay, and up to jitter more, before every attempt, marking each "delay"', async () => {
    for (const [delay, jitter, first, draws] of [
      [2_000, 0, 2_000, 0], // no jitter draws nothing, so the faults decided after it stay as they were
      [0, 1_000, 500, 1], // half of the jitter: the fault randomness draws 0.5
    ] as const) {
      let drawn = 0
      const { box, sent, run } = outbox({
        faultRandom: () => {
          drawn++
          return 0.5
        },
        faultsFor: () => ({ ...noFaults, delay, jitter }),
        policy: { ...policyOf(), retries: 1 },
      })
      const delivery = box.enqueue(fields('ann'))
      await run()
      expect(sent.map((s) => s.at)).toEqual([first])
      expect(delivery.attempts[0]!.faults).toEqual(['delay'])
      expect(drawn).toBe(draws)
    }
  })

  it('marks every attempt of the duplicate copy "duplicate", its retries too, and none of the original', async () => {
    const { box, sent, run } = outbox(
      { faultsFor: () => ({ ...noFaults, duplicate: true }), policy: { ...policyOf(), retries: 1 } },
      (_, index) => ({ status: index < 2 ? 500 : 200, latencyMs: 1 }),
    )
    const original = box.enqueue(fields('ann'))
    await run()
    const copy = box.list().find((d) => d.id !== original.id)!
    expect(sent).toHaveLength(4)
    expect(copy.attempts.map((a) => a.faults)).toEqual([['duplicate'], ['duplicate']])
    expect(original.attempts.map((a) => a.faults)).toEqual([undefined, undefined])
  })

  it('keeps a first attempt dropped as decided when queued, though the target has no faults by then', async () => {
    let faults: ReturnType<typeof faultsSchema.parse> | undefined = { ...noFaults, dropFirstAttempt: true }
    const { box, run } = outbox({ faultsFor: () => faults, policy: { ...policyOf(), retries: 1 } })
    const dropped = box.enqueue(fields('ann'))
    faults = undefined // switched off before the attempt
    await run()
    expect(dropped.attempts.map((a) => [a.verdict, a.faults])).toEqual([
      ['retry', ['drop']],
      ['delivered', undefined],
    ])
  })

  it("marks a replayed duplicate's attempts 'duplicate' though the target has no faults by then", async () => {
    let faults: ReturnType<typeof faultsSchema.parse> | undefined = { ...noFaults, duplicate: true }
    const { box, run } = outbox({ faultsFor: () => faults, policy: { ...policyOf(), retries: 1 } }, () => ({
      status: 503,
      latencyMs: 1,
    }))
    box.enqueue(fields('ann'))
    await run()
    const copy = box.list().find((d) => d.fault === 'duplicate')!
    expect(copy.state).toBe('failed')
    faults = undefined
    expect(box.replay(copy.id)).toBe(true)
    await run()
    expect(copy.attempts.map((a) => a.faults)).toEqual([['duplicate'], ['duplicate'], ['duplicate'], ['duplicate']])
  })

  it('keeps marking the duplicate copy, though the target has no faults by its attempt', async () => {
    let faults: ReturnType<typeof faultsSchema.parse> | undefined = { ...noFaults, duplicate: true }
    const { box, sent, run } = outbox({ faultsFor: () => faults })
    const original = box.enqueue(fields('ann'))
    faults = undefined
    await run()
    const copy = box.list().find((d) => d.fault === 'duplicate')!
    expect(copy.attempts.map((a) => a.faults)).toEqual([['duplicate']])
    expect(original.attempts.map((a) => a.faults)).toEqual([undefined])
    expect(sent).toHaveLength(2)
  })
})

describe('outbox: what a kept delivery holds', () => {
  // JSON.stringify answers a receipt-sized body as a rope of the pieces its builder wrote; kept as
  // it is, each body would hold about 140 bytes more than its text (bench/PROFILE.md).
  it('keeps each body flat, as small as the same text read from JSON', () => {
    const count = 20_000
    const receiptLike = (i: number) => ({
      deliveryInfoNotification: {
        deliveryInfo: {
          deliveryChannel: 'email',
          Description: 'Submitted',
          destinationType: 'email',
          timeStamp: '2026-12-03T14:22:32.373Z',
          code: '7501',
          deliveryStatus: 'Submitted',
          destination: `ann${i}@example.com`,
          additionalInfo: '',
        },
        correlationid: '',
        callbackData: '',
        transid: `1ad106d6-a91f-48b9-bb81-${String(i).padStart(12, '0')}`,
        subtid: '',
      },
    })
    /** Heap bytes per delivery that `count` kept deliveries with these bodies hold. */
    const keptBytes = (body: (i: number) => string) => {
      const { box } = outbox({ maxDeliveries: count, maxDeliveryBodyChars: Number.MAX_SAFE_INTEGER })
      collectGarbage()
      const before = process.memoryUsage().heapUsed
      for (let i = 0; i < count; i++) box.enqueue({ ...fields(`ann${i}`), body: body(i) })
      collectGarbage()
      const bytes = (process.memoryUsage().heapUsed - before) / count
      expect(box.list()).toHaveLength(count)
      return bytes
    }
    const asJson = keptBytes((i) => JSON.stringify(receiptLike(i)))
    // The same text, flat from the start (JSON.parse of a JSON string makes a flat string).
    const flat = keptBytes((i) => JSON.parse(JSON.stringify(JSON.stringify(receiptLike(i)))) as string)
    // About 20 bytes apart when kept flat, about 170 when kept as ropes.
    expect(asJson - flat).toBeLessThan(80)
  })
})

function policyOf() {
  return { timeoutMs: 10_000, retries: 3, retryDelayMs: 60_000, backoffFactor: 1, jitter: 0 }
}
