import { afterEach, describe, expect, it } from 'vitest'
import { type Delivery, isFinalStatus } from '../../src/core/kernel/outbox.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { eventually } from '../support/eventually.js'
import { holdRefusedPort } from '../support/held-ports.js'
import { startChaosReceiver } from './support/chaos-receiver.js'

const mail = (address: string) => ({
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: [address] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
})
const unfinished = (e: Emulator) =>
  e.deliveries().filter((d) => d.state === 'pending' || d.state === 'in-flight').length

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The vendor's rules, checked on one finished delivery's recorded attempts. */
function expectVendorRetryRules(delivery: Delivery, retries: number, retryDelayMs: number) {
  const { attempts } = delivery
  expect(attempts.map((a) => a.number)).toEqual(attempts.map((_, i) => i + 1))
  expect(attempts.length).toBeLessThanOrEqual(retries + 1)
  for (const [i, attempt] of attempts.entries()) {
    const last = i === attempts.length - 1
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300
    if (!last) {
      expect(attempt.verdict).toBe('retry')
      expect(attempt.status === undefined || !isFinalStatus(attempt.status)).toBe(true)
      expect(attempts[i + 1]!.at - attempt.at).toBeGreaterThanOrEqual(retryDelayMs)
    } else if (delivery.state === 'delivered') {
      expect(ok).toBe(true)
    } else {
      expect(delivery.state).toBe('failed')
      expect(attempt.verdict).toBe('failed')
      expect((attempt.status !== undefined && isFinalStatus(attempt.status)) || attempts.length === retries + 1).toBe(
        true,
      )
    }
  }
}

describe('webhook delivery through a chaos receiver (real HTTP, speed 1000)', () => {
  it('accounts for every receipt exactly once as delivered or failed, by the vendor retry rules, across failures, stalls, resets and refusals', async () => {
    const receiver = await startChaosReceiver({
      seed: 11,
      weights: { ok: 80, slow: 4, 'fail-500': 5, 'fail-503': 4, 'gone-404': 2, reset: 4, stall: 0.5 },
    })
    const refusing = await holdRefusedPort() // below the ephemeral range: no server of the suite can start there
    const refused = `${refusing.url}/refused`
    const emulator = createEmulator({
      clock: 'real',
      config: {
        seed: 5,
        speed: 1000,
        webhooks: {
          targets: [{ url: `${receiver.url}/hooks` }, { url: refused }],
          timeout: 3_000,
          concurrencyPerTarget: 16,
        },
      },
    })
    cleanups.push(
      () => receiver.close(),
      () => refusing.release(),
      () => emulator.close(0),
    )
    // Real HTTP on a shared 2-core machine manages a few hundred requests a second; scale-accounting.test.ts does 2,000 messages on virtual time.
    const messages = 150
    const started = performance.now()
    for (let i = 0; i < messages; i++) emulator.send(mail(`user${i}@customer.test`))
    const receipts = () => emulator.messages().reduce((n, m) => n + m.recipients[0]!.receipts.length, 0)
    await eventually(
      () => ({ receipts: receipts(), unfinished: unfinished(emulator) }),
      (now) => now.receipts === messages * 2 && now.unfinished === 0,
      { timeoutMs: 45_000, what: 'every receipt to be sent and every delivery to finish' },
    )
    const elapsed = performance.now() - started

    const deliveries = emulator.deliveries()
    const toChaos = deliveries.filter((d) => d.target.url.startsWith(receiver.url))
    const toRefused = deliveries.filter((d) => d.target.url === refused)
    // Exactly one delivery per receipt and target: none lost, none doubled.
    for (const list of [toChaos, toRefused]) {
      expect(list).toHaveLength(messages * 2)
      expect(new Set(list.map((d) => `${d.transid}|${d.event}`)).size).toBe(messages * 2)
    }
    const delivered = toChaos.filter((d) => d.state === 'delivered').length
    const failed = toChaos.filter((d) => d.state === 'failed').length
    expect(delivered + failed).toBe(messages * 2)
    expect(failed).toBeGreaterThan(0)
    for (const delivery of deliveries) expectVendorRetryRules(delivery, 3, 60_000)
    // Every attempt at the refusing port failed without an HTTP answer.
    expect(
      toRefused.filter(
        (d) =>
          d.state !== 'failed' ||
          d.attempts.length !== 4 ||
          !d.attempts.every((a) => a.status === undefined && /ECONNREFUSED/.test(a.error ?? '')),
      ),
    ).toEqual([])

    // The receiver's side: each delivered delivery got one 2xx answer, and nothing else did — except
    // where the emulator had given up waiting (a timeout), after which a late 2xx is not seen, as with the vendor.
    const answered2xx = new Map<string, number>()
    for (const r of receiver.requests)
      if (r.answered !== undefined && r.answered < 300) answered2xx.set(r.body, (answered2xx.get(r.body) ?? 0) + 1)
    for (const d of toChaos) {
      const timeouts = d.attempts.filter((a) => /timed out/.test(a.error ?? '')).length
      const expected = d.state === 'delivered' ? 1 : 0
      expect(answered2xx.get(d.body) ?? 0).toBeGreaterThanOrEqual(expected)
      expect(answered2xx.get(d.body) ?? 0).toBeLessThanOrEqual(expected + timeouts)
    }
    // No request the emulator did not record (a reused connection closing under it may mean one fewer arrived).
    expect(receiver.requests.length).toBeLessThanOrEqual(toChaos.reduce((n, d) => n + d.attempts.length, 0))
    // Every behaviour happened, at most 16 ran at once, and connections were reused.
    expect(new Set(receiver.requests.map((r) => r.behaviour)).size).toBe(7)
    expect(receiver.mostAtOnce()).toBeLessThanOrEqual(16)
    expect(receiver.socketCount()).toBeLessThan(receiver.requests.length / 5)
    console.info(
      `chaos run: ${messages * 4} deliveries, ${receiver.requests.length} requests to the chaos receiver, ${delivered} delivered, ${failed} failed, ${receiver.socketCount()} sockets, ${Math.round(elapsed)} ms`,
    )
  }, 60_000)

  it('lets a fast target finish while a slow one is still working through its queue', async () => {
    // The slow target answers nothing until released: however fast or slow the machine, it is
    // still busy with its first two when the fast target has finished all forty.
    const slow = await startChaosReceiver({ seed: 1, weights: { ok: 1 }, hold: true })
    const fast = await startChaosReceiver({ seed: 2, weights: { ok: 1 } })
    const emulator = createEmulator({
      clock: 'real',
      config: {
        seed: 5,
        speed: 1000,
        webhooks: {
          targets: [{ url: `${slow.url}/slow` }, { url: `${fast.url}/fast` }],
          timeout: 60_000,
          concurrencyPerTarget: 2,
        },
      },
    })
    cleanups.push(
      () => slow.close(),
      () => fast.close(),
      () => emulator.close(0),
    )
    for (let i = 0; i < 20; i++) emulator.send(mail(`u${i}@a.test`))
    const delivered = (path: string) =>
      emulator.deliveries().filter((d) => d.target.url.includes(path) && d.state === 'delivered').length
    await eventually(
      () => delivered('/fast'),
      (n) => n === 40,
      { what: 'the fast target to get all 40' },
    )
    await eventually(
      () => slow.requests.length,
      (n) => n === 2,
      { what: 'the slow target to hold two' },
    )
    expect(delivered('/slow')).toBe(0)
    expect(slow.mostAtOnce()).toBe(2)
    slow.release()
  })
})

describe('shutting down with webhooks in flight', () => {
  it('lets in-flight attempts finish within the grace period and records the rest as interrupted', async () => {
    const receiver = await startChaosReceiver({ seed: 3, weights: { ok: 1 }, hold: true })
    const emulator = createEmulator({
      clock: 'real',
      config: {
        seed: 5,
        webhooks: { targets: [{ url: `${receiver.url}/hooks` }], concurrencyPerTarget: 4 },
        delays: { delivered: '1h' },
      },
    })
    cleanups.push(() => receiver.close())
    for (let i = 0; i < 10; i++) emulator.send(mail(`u${i}@a.test`))
    // Four in flight (the concurrency limit), held by the receiver; six queued behind them.
    await eventually(
      () => receiver.requests.length,
      (n) => n === 4,
      { what: 'four requests in flight' },
    )
    const closing = emulator.close(10_000)
    receiver.release()
    await closing
    const deliveries = emulator.deliveries()
    expect(deliveries).toHaveLength(10)
    expect(deliveries.filter((d) => d.state === 'delivered')).toHaveLength(4)
    const interrupted = deliveries.filter((d) => d.state === 'failed')
    expect(interrupted).toHaveLength(6)
    expect(interrupted.every((d) => /shut down/.test(d.interrupted ?? '') && d.attempts.length === 0)).toBe(true)
    expect(emulator.stats().interruptedDeliveries).toBe(6)
    expect(receiver.requests).toHaveLength(4)
  })

  it('records an attempt still in flight after the grace period with verdict "interrupted"', async () => {
    const receiver = await startChaosReceiver({ seed: 3, weights: { stall: 1 } })
    const emulator = createEmulator({
      clock: 'real',
      config: { seed: 5, webhooks: { targets: [{ url: `${receiver.url}/hooks` }] }, delays: { delivered: '1h' } },
    })
    cleanups.push(() => receiver.close())
    emulator.send(mail('ann@a.test'))
    await eventually(
      () => receiver.requests.length,
      (n) => n === 1,
      { what: 'the request to arrive' },
    )
    await emulator.close(50)
    const [delivery] = emulator.deliveries()
    expect(delivery).toMatchObject({ state: 'failed' })
    expect(delivery!.attempts.map((a) => a.verdict)).toEqual(['interrupted'])
  })
})
