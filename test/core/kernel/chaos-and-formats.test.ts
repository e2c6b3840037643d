import { describe, expect, it } from 'vitest'
import { createApiChaos } from '../../../src/core/kernel/api-chaos.js'
import { dataStreamReceipt } from '../../../src/core/kernel/formats.js'

// API-side chaos with a scripted random source, and the data-stream envelope, on their own.

/** A random source that returns `values` in turn and fails when asked for more. */
const scripted =
  (...values: number[]) =>
  () => {
    if (values.length === 0) throw new Error('random asked for more than the test scripted')
    return values.shift()!
  }

describe('API chaos', () => {
  it('does nothing and counts nothing while off', () => {
    const chaos = createApiChaos(scripted(), undefined)
    expect(chaos.decide()).toEqual({ delayMs: 0 })
    expect(chaos.counts()).toEqual({ requests: 0, errors: 0, slow: 0 })
    expect(chaos.config()).toBeUndefined()
  })

  it('slows and fails requests at their rates, drawing once for each rate that is set', () => {
    const chaos = createApiChaos(scripted(0.2, 0.7, 0.6, 0.1, 0.5, 0.5), undefined)
    expect(chaos.set({ slowRate: 0.5, errorRate: 0.5, slowMs: '2s', errorStatus: 502 })).toEqual({
      slowRate: 0.5,
      errorRate: 0.5,
      slowMs: 2_000,
      errorStatus: 502,
    })
    expect(chaos.decide()).toEqual({ delayMs: 2_000 })
    expect(chaos.decide()).toEqual({ delayMs: 0, reject: { kind: 'error', status: 502 } })
    // A draw equal to the rate is not under it.
    expect(chaos.decide()).toEqual({ delayMs: 0 })
    expect(chaos.counts()).toEqual({ requests: 3, errors: 1, slow: 1 })
  })

  it('draws nothing for a rate of 0, applies both faults together, and can be turned off again', () => {
    const chaos = createApiChaos(scripted(0.99, 0.1, 0.1), { errorRate: 1, errorStatus: 500, slowRate: 0, slowMs: 1 })
    expect(chaos.decide()).toEqual({ delayMs: 0, reject: { kind: 'error', status: 500 } })
    chaos.set({ errorRate: 0.5, slowRate: 0.5, slowMs: 10 })
    expect(chaos.decide()).toEqual({ delayMs: 10, reject: { kind: 'error', status: 503 } })
    const counts = chaos.counts()
    counts.errors = 99
    expect(chaos.counts()).toEqual({ requests: 2, errors: 2, slow: 1 })
    expect(chaos.set(undefined)).toBeUndefined()
    expect(chaos.decide()).toEqual({ delayMs: 0 })
    expect(() => chaos.set({ errorRate: 2 })).toThrow()
    expect(() => chaos.set({ errorstatus: 500 })).toThrow()
  })
})

describe('the data-stream envelope', () => {
  it('wraps a notification with the gtrid and the service, in the sample’s key order', () => {
    const receipt = dataStreamReceipt({ gtrid: 'g1', serviceId: 's1', serviceName: 'Orders' }, { deliveryInfo: {} })
    expect(JSON.stringify(receipt)).toBe(
      JSON.stringify({
        'x-wx-gtrid': 'g1',
        deliveryInfoNotification: { deliveryInfo: {} },
        dataIntegration: {
          context: { serviceId: 's1', serviceName: 'Orders', flowId: '', flowName: '', messagingAPI: 'true' },
          appContext: {},
        },
      }),
    )
  })
})
