import { describe, expect, it } from 'vitest'
import { diagnosticText, listTime } from '../../../src/http/console/client/format.js'
import { unavailableActions } from '../../../src/http/console/client/recipient-actions.js'

const day = 86_400_000
const monday = Date.UTC(2025, 0, 6, 9, 30, 15)

describe("the console's message times", () => {
  it("are the time alone on the emulator's today", () => {
    expect(listTime(monday, monday + 3_600_000)).toBe('09:30:15')
  })

  it('carry their date on any other day, before or after', () => {
    expect(listTime(monday, monday + 7 * day)).toBe('2025-01-06 09:30:15')
    expect(listTime(monday, Date.UTC(2025, 0, 7, 0, 0, 0))).toBe('2025-01-06 09:30:15') // just past midnight UTC
    expect(listTime(monday + day, monday)).toBe('2025-01-07 09:30:15')
  })
})

describe("the console's SMTP diagnostics", () => {
  it("read the vendor's \\n and \\/ as a line break and a slash", () => {
    expect(diagnosticText('550-5.1.1 try\\n550 5.1.1  https:\\/\\/support.google.com\\/mail')).toBe(
      '550-5.1.1 try\n550 5.1.1  https://support.google.com/mail',
    )
  })

  it('leave other text alone', () => {
    expect(diagnosticText('5.0.0|failed|smtp; 550 a\\b')).toBe('5.0.0|failed|smtp; 550 a\\b')
  })
})

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
