import { describe, expect, it } from 'vitest'
import { hubSignature } from '../../src/webhooks/hub-signature.js'
import { webhookHeaders } from '../../src/webhooks/webhook-headers.js'
import { hook, mail, virtualOutbox } from './support/virtual-outbox.js'

describe('webhook fault injection', () => {
  it('duplicate: posts the same payload twice and marks the copy and its attempts', async () => {
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook({ faults: { duplicate: true } })] } })
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.status)).toEqual(['Submitted', 'Submitted', 'Delivered', 'Delivered'])
    expect(sent[0]!.body).toBe(sent[1]!.body)
    const copies = emulator.deliveries().filter((d) => d.fault === 'duplicate')
    expect(copies).toHaveLength(2)
    expect(copies.every((d) => d.state === 'delivered' && d.attempts[0]!.faults?.includes('duplicate'))).toBe(true)
  })

  it('reorder: holds Submitted back until Delivered has been sent', async () => {
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook({ faults: { reorder: 1 } })] } })
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.status)).toEqual(['Delivered', 'Submitted'])
    const submitted = emulator.deliveries().find((d) => d.event === '7501')!
    expect(submitted.attempts[0]!.faults).toContain('reorder')
  })

  it('reorder: a held receipt with no later one goes out after reorderHold', async () => {
    const { emulator, sent, clock } = virtualOutbox({
      webhooks: { targets: [hook({ events: ['submitted'], faults: { reorder: true, reorderHold: '3s' } })] },
    })
    const start = clock.now()
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => [s.status, s.at - start])).toEqual([['Submitted', 3_000]])
  })

  it('delay and jitter: every attempt waits the delay plus a random share of the jitter, recorded as a "delay" fault', async () => {
    const { emulator, sent, clock } = virtualOutbox({
      webhooks: { targets: [hook({ events: ['submitted'], faults: { delay: '2s', jitter: '1s' } })] },
    })
    const start = clock.now()
    for (let i = 0; i < 20; i++) emulator.send(mail(`u${i}@a.test`))
    await emulator.runUntilIdle()
    const waits = sent.map((s) => s.at - start)
    expect(waits).toHaveLength(20)
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(2_000)
      expect(wait).toBeLessThan(3_000)
    }
    // Jitter spreads them: twenty draws land on many different waits, some well past the fixed delay.
    expect(new Set(waits).size).toBeGreaterThan(10)
    expect(Math.max(...waits)).toBeGreaterThan(2_500)
    expect(emulator.deliveries().every((d) => d.attempts[0]!.faults?.join() === 'delay')).toBe(true)
  })

  it('retry jitter (webhooks.jitter): each retry waits the retry delay plus up to that share of it more', async () => {
    const { emulator, sent } = virtualOutbox(
      { webhooks: { targets: [hook({ events: ['submitted'] })], retryDelay: '10s', jitter: 0.5, retries: 3 } },
      () => ({ status: 500, latencyMs: 0 }),
    )
    for (let i = 0; i < 10; i++) emulator.send(mail(`u${i}@a.test`))
    await emulator.runUntilIdle()
    const gaps = emulator.deliveries().flatMap((d) => d.attempts.slice(1).map((a, i) => a.at - d.attempts[i]!.at))
    expect(gaps).toHaveLength(30)
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(10_000)
      expect(gap).toBeLessThanOrEqual(15_000)
    }
    expect(new Set(gaps).size).toBeGreaterThan(15)
    expect(Math.max(...gaps)).toBeGreaterThan(12_500)
    expect(sent).toHaveLength(40)
  })

  it('dropFirstAttempt: records the first attempt as dropped without sending it, then retries 60 s later', async () => {
    const { emulator, sent, clock } = virtualOutbox({
      webhooks: { targets: [hook({ events: ['submitted'], faults: { dropFirstAttempt: true } })] },
    })
    const start = clock.now()
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.at - start)).toEqual([60_000])
    const [delivery] = emulator.deliveries()
    expect(delivery!.attempts.map((a) => [a.verdict, a.faults])).toEqual([
      ['retry', ['drop']],
      ['delivered', undefined],
    ])
    expect(delivery!.attempts[0]!.error).toMatch(/dropped on purpose/)
  })

  it('badSignature: sends a well-formed x-hub-signature that does not verify', async () => {
    const { emulator, sent } = virtualOutbox({
      webhooks: { targets: [hook({ hubSecret: 's3cret', faults: { badSignature: 1 } })] },
    })
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    for (const request of sent) {
      const signature = webhookHeaders(request)['x-hub-signature']!
      expect(signature).toMatch(/^[0-9a-f]{64}$/)
      expect(signature).not.toBe(hubSignature(request.body, 's3cret'))
    }
    expect(emulator.deliveries().every((d) => d.attempts[0]!.faults?.includes('bad-signature'))).toBe(true)
  })

  it('leaves signatures good on targets without the fault', async () => {
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook({ hubSecret: 's3cret' })] } })
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    expect(sent.every((r) => webhookHeaders(r)['x-hub-signature'] === hubSignature(r.body, 's3cret'))).toBe(true)
    expect(emulator.deliveries().every((d) => d.attempts.every((a) => a.faults === undefined))).toBe(true)
  })

  it('is seeded: the same seed picks the same deliveries to duplicate, another seed others', async () => {
    const run = async (seed: number) => {
      const { emulator } = virtualOutbox(
        { webhooks: { targets: [hook({ faults: { duplicate: 0.3, dropFirstAttempt: 0.3 } })] } },
        undefined,
        seed,
      )
      for (let i = 0; i < 30; i++) emulator.send(mail(`u${i}@a.test`))
      await emulator.runUntilIdle()
      return emulator.deliveries().map((d) => `${d.destination}:${d.event}:${d.fault ?? ''}:${d.attempts.length}`)
    }
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(await run(8)).not.toEqual(first)
    expect(first.filter((d) => d.includes('duplicate')).length).toBeGreaterThan(0)
  })

  it('can be turned on and off at run time for one target', async () => {
    const { emulator, sent } = virtualOutbox({ webhooks: { targets: [hook({ events: ['submitted'] })] } })
    emulator.setFaults('t1', {
      duplicate: true,
      reorder: 0,
      reorderHold: 5_000,
      delay: 0,
      jitter: 0,
      dropFirstAttempt: 0,
      badSignature: 0,
    })
    emulator.send(mail('ann@a.test'))
    await emulator.runUntilIdle()
    emulator.setFaults('t1', undefined)
    emulator.send(mail('bob@a.test'))
    await emulator.runUntilIdle()
    expect(sent.map((s) => s.payload.deliveryInfoNotification.deliveryInfo.destination)).toEqual([
      'ann@a.test',
      'ann@a.test',
      'bob@a.test',
    ])
  })
})
