import { describe, expect, it } from 'vitest'
import { createRandom } from '../../src/core/kernel/ids.js'
import { isFinalStatus } from '../../src/core/kernel/outbox.js'
import { hook, mail, virtualOutbox } from './support/virtual-outbox.js'

describe('delivery accounting at scale (virtual time, seeded failing transport)', () => {
  it('accounts for 4,000 receipts exactly: delivered + failed, retries by the vendor rules, nothing doubled', async () => {
    const random = createRandom(99)
    const outcomes = [
      { status: 200 },
      { status: 500 },
      { status: 503 },
      { status: 404 },
      { error: 'socket hang up (ECONNRESET)' },
      { error: 'timed out after 10000 ms' },
      { error: 'connect ECONNREFUSED' },
    ]
    const weights = [80, 5, 4, 2, 4, 3, 2]
    const pick = () => {
      let r = random() * 100
      for (const [i, w] of weights.entries()) if ((r -= w) < 0) return outcomes[i]!
      return outcomes[0]!
    }
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook()] } }, () => ({ ...pick(), latencyMs: 1 }))
    const messages = 2_000
    for (let i = 0; i < messages; i++) emulator.send(mail(`user${i}@customer.test`))
    await emulator.runUntilIdle()

    const deliveries = emulator.deliveries()
    expect(deliveries).toHaveLength(messages * 2)
    expect(new Set(deliveries.map((d) => `${d.transid}|${d.event}`)).size).toBe(messages * 2)
    const delivered = deliveries.filter((d) => d.state === 'delivered')
    const failed = deliveries.filter((d) => d.state === 'failed')
    expect(delivered.length + failed.length).toBe(messages * 2)
    expect(sent).toHaveLength(deliveries.reduce((n, d) => n + d.attempts.length, 0))
    for (const d of deliveries) {
      const last = d.attempts.at(-1)!
      expect(d.attempts.length).toBeLessThanOrEqual(4)
      for (const [i, a] of d.attempts.slice(0, -1).entries()) {
        expect(a.status === undefined || !isFinalStatus(a.status)).toBe(true)
        expect(d.attempts[i + 1]!.at - a.at).toBe(60_000)
      }
      if (d.state === 'failed') expect(last.status === 404 || d.attempts.length === 4).toBe(true)
      else expect(last.status).toBe(200)
    }
    expect(failed.length).toBeGreaterThan(0)
  }, 90_000)
})
