/**
 * Two callers moving time at once — `runUntilIdle()` from a test and from a helper it awaits, or
 * `advance()` beside it — each return only with no webhook attempt in flight, whichever of them
 * fired the timer that started it.
 */
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { emailTo } from '../support/virtual-emulator.js'

describe('callers moving virtual time at once', () => {
  it('return with nothing in flight and every receipt attempted', async () => {
    const emulator = createEmulator({
      clock: 'virtual',
      config: { webhooks: { targets: [{ url: 'http://app.test/hooks' }] } },
      // A receiver that answers a few turns later, as a real one does.
      transport: async () => {
        for (let turn = 0; turn < 3; turn++) await Promise.resolve()
        return { status: 200, latencyMs: 1 }
      },
    })
    for (let n = 0; n < 5; n++) emulator.send(emailTo(`user${n}@x.test`))
    const inFlightOnReturn = await Promise.all([
      emulator.runUntilIdle().then(() => emulator.stats().inFlight),
      emulator.runUntilIdle().then(() => emulator.stats().inFlight),
      emulator.advance(60_000).then(() => emulator.stats().inFlight),
    ])
    expect(inFlightOnReturn).toEqual([0, 0, 0])
    expect(emulator.deliveries().map((delivery) => delivery.state)).toEqual(Array(10).fill('delivered'))
  })
})

describe('runUntilIdle near the end of time', () => {
  it('stops at the latest time the emulator can show, leaving a retry due after it scheduled', async () => {
    const latest = Date.parse('9999-12-30T00:00:00.000Z')
    const emulator = createEmulator({
      clock: 'virtual',
      startAt: latest - 86_400_000,
      config: { webhooks: { targets: [{ url: 'http://app.test/hooks' }], retryDelay: '300d', retries: 1 } },
      transport: async () => ({ status: 503, latencyMs: 1 }),
    })
    emulator.send(emailTo('ann@x.test'))
    await emulator.runUntilIdle()
    expect(emulator.now()).toBeLessThanOrEqual(latest)
    const [first] = emulator.deliveries()
    expect(first).toMatchObject({ state: 'pending', attempts: [{ status: 503, verdict: 'retry' }] })
    expect(first!.nextAttemptAt).toBeGreaterThan(latest)
    await emulator.close()
  })
})
