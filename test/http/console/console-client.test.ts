import { describe, expect, it } from 'vitest'
import { diagnosticText, listTime } from '../../../src/http/console/client/format.js'
import { unavailableActions } from '../../../src/http/console/client/recipient-actions.js'
import { consoleVocabulary } from '../../../src/http/console/console-vocabulary.js'

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
  const words = (name: string) => consoleVocabulary().channels.find((c) => c.name === name)!
  const email = words('email')
  const sms = words('sms')

  it("are each channel's own, with the choices its definition lists", () => {
    expect(email.actions.map((a) => a.name)).toEqual(['deliver', 'bounce', 'complain', 'read', 'click'])
    expect(email.actions.find((a) => a.name === 'bounce')?.choice?.field).toBe('type')
    expect(email.actions.find((a) => a.name === 'bounce')?.choice?.values).toContain('Permanent_NoEmail')
    expect(sms.actions.map((a) => a.name)).toEqual(['deliver', 'fail', 'click'])
    expect(sms.actions.find((a) => a.name === 'fail')?.choice).toMatchObject({ field: 'code' })
    expect(sms.actions.find((a) => a.name === 'fail')?.choice?.values).toContain('7102')
    expect(sms.actions.find((a) => a.name === 'click')?.choice).toBeUndefined()
  })

  it('are all open for a held recipient still waiting', () => {
    expect(unavailableActions(email, { address: 'a@x.test', fate: held, receipts: [receipt('Submitted')] })).toEqual({})
    expect(unavailableActions(sms, { address: '447700900901', fate: held, receipts: [receipt('Submitted')] })).toEqual(
      {},
    )
  })

  it('are all closed, with one reason, for a recipient that is not held', () => {
    const closed = unavailableActions(email, { address: 'a@x.test', fate: 'delivered (default)', receipts: [] })
    expect(Object.keys(closed)).toEqual(['deliver', 'bounce', 'complain', 'read', 'click'])
    expect(new Set(Object.values(closed)).size).toBe(1)
    expect(closed.deliver).toContain('fate is "delivered (default)"')
  })

  it('lose what the channel refuses once delivered, and everything after a final receipt', () => {
    const delivered = [receipt('Submitted'), receipt('Delivered'), receipt('Read')]
    expect(Object.keys(unavailableActions(email, { address: 'a@x.test', fate: held, receipts: delivered }))).toEqual([
      'deliver',
      'bounce',
    ])
    expect(Object.keys(unavailableActions(sms, { address: '447700900901', fate: held, receipts: delivered }))).toEqual([
      'deliver',
      'fail',
    ])
    for (const final of ['Bounce', 'Failed', 'Not Verified'])
      expect(
        Object.keys(unavailableActions(email, { address: 'a@x.test', fate: held, receipts: [receipt(final)] })),
      ).toHaveLength(5)
    for (const final of ['Failed', 'Un-Delivered'])
      expect(
        Object.keys(unavailableActions(sms, { address: '447700900901', fate: held, receipts: [receipt(final)] })),
      ).toEqual(['deliver', 'fail', 'click'])
  })
})
