import { describe, expect, it } from 'vitest'
import { unavailableActions } from '../../../src/http/console/client/recipient-actions.js'

describe("the console's manual actions", () => {
  const receipt = (status: string) => ({ status })
  const held = 'held for a manual action (magic address)'

  it('are all open for a held recipient still waiting', () => {
    expect(unavailableActions({ address: 'a@x.test', fate: held, receipts: [receipt('Submitted')] })).toEqual({})
  })

  it('are all closed, with one reason, for a recipient that is not held', () => {
    const closed = unavailableActions({ address: 'a@x.test', fate: 'delivered (default)', receipts: [] })
    expect(Object.keys(closed)).toEqual(['deliver', 'bounce', 'complain', 'read', 'click'])
    expect(new Set(Object.values(closed)).size).toBe(1)
    expect(closed.deliver).toContain('fate is "delivered (default)"')
  })

  it('lose deliver and bounce once delivered, and everything after a final receipt', () => {
    const delivered = [receipt('Submitted'), receipt('Delivered'), receipt('Read')]
    expect(Object.keys(unavailableActions({ address: 'a@x.test', fate: held, receipts: delivered }))).toEqual([
      'deliver',
      'bounce',
    ])
    for (const final of ['Bounce', 'Failed', 'Not Verified'])
      expect(
        Object.keys(unavailableActions({ address: 'a@x.test', fate: held, receipts: [receipt(final)] })),
      ).toHaveLength(5)
  })
})
