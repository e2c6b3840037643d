import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/kernel/ids.js'
import type { Delivery } from '../../../src/core/kernel/outbox/delivery.js'
import { DeliveryFaults } from '../../../src/core/kernel/outbox/delivery-faults.js'
import { parseConfig } from '../../../src/core/parse-config.js'

/** A target whose every first receipt to a recipient is held back. */
const faults = parseConfig({ webhooks: { targets: [{ url: 'http://app.test/hooks', faults: { reorder: 1 } }] } })
  .webhooks.targets[0]!.faults!

const delivery = (n: number, destination: string) =>
  ({ id: `d${n}`, target: { targetId: 't1', url: '' }, destination, createdAt: n }) as unknown as Delivery

describe('DeliveryFaults, reorder', () => {
  it('keeps nothing for a recipient once its held delivery is released or forgotten', () => {
    const decided = new DeliveryFaults(createRandom(1))
    for (let n = 0; n < 1_000; n++) {
      const held = delivery(2 * n, `user${n}@x.test`)
      expect(decided.admit(held, faults)).toBe(faults.reorderHold)
      expect(decided.holding).toBe(1)
      // Half released after the hold, half forgotten (evicted, or reset) while still held.
      if (n % 2 === 0) expect(decided.release(held)).toBe(true)
      else decided.forget(held)
      expect(decided.release(held)).toBe(false)
    }
    expect(decided.holding).toBe(0)
  })

  it('holds the next delivery to a recipient again once the last one went', () => {
    const decided = new DeliveryFaults(createRandom(1))
    const first = delivery(1, 'ann@x.test')
    const second = delivery(2, 'ann@x.test')
    expect(decided.admit(first, faults)).toBe(faults.reorderHold)
    // One held at a time per recipient: the second overtakes it.
    expect(decided.admit(second, faults)).toBeUndefined()
    expect(decided.heldBefore(second)).toEqual([first])
    decided.release(first)
    expect(decided.admit(delivery(3, 'ann@x.test'), faults)).toBe(faults.reorderHold)
  })
})
