import { describe, expect, it } from 'vitest'
import { createWebexConnectMock } from '../../src/msw/index.js'

/** The handle's helpers called as a JavaScript test might call them: with nothing, null or the wrong type. */
describe('MSW mode: the helpers, given what they do not take', () => {
  const webexConnect = createWebexConnectMock({ startAt: Date.parse('2025-01-01T00:00:00Z'), config: { seed: 5 } })

  it.each([[undefined], [null], [{}], [[]], [true]])(
    'advance(%j) is refused as not a duration, naming it',
    async (value) => {
      await expect(webexConnect.advance(value as never)).rejects.toThrow(/^advance: ".*" is not a duration/)
    },
  )

  it.each([[null], [{}]])('a wait with within %j is refused as not a duration, naming it', async (within) => {
    await expect(webexConnect.waitForWebhook(() => true, { within: within as never })).rejects.toThrow(
      /^within: ".*" is not a duration/,
    )
    expect(() => webexConnect.suppress('ann@example.com', { for: within as never })).toThrow(
      /^for: ".*" is not a duration/,
    )
  })

  it('receipts() takes a filter key left undefined as no filter, and refuses a key receipts do not have', async () => {
    webexConnect.reset()
    webexConnect.emulator.send({
      channel: 'email',
      from: 'news@shop.test',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    })
    await webexConnect.runUntilIdle()
    const wanted: { status?: string } = {}
    expect(webexConnect.receipts({ status: wanted.status }).map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
    expect(webexConnect.receipts({ destination: undefined, code: '7500' })).toHaveLength(1)
    expect(() => webexConnect.receipts({ state: 'Delivered' } as never)).toThrow(
      'receipts: no filter "state" (did you mean "status"?); filter by channel, destination, status, messageId, code',
    )
  })

  it('waitForStatus resolves with the receipt it saw, even when the emulator is reset while it finishes', async () => {
    webexConnect.reset()
    const { messageId } = webexConnect.emulator.send({
      channel: 'email',
      from: 'news@shop.test',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    })
    const waiting = webexConnect.waitForStatus('ann@example.com', 'Delivered')
    webexConnect.reset()
    expect(await waiting).toMatchObject({ messageId, status: 'Delivered', code: '7500' })
  })

  it('setSandbox refuses what the control API refuses, leaving the sandbox as it was', () => {
    webexConnect.reset()
    expect(() => webexConnect.setSandbox({ enabled: 'no' as never })).toThrow(
      'Invalid sandbox at "enabled": Invalid input: expected boolean, received string',
    )
    expect(() => webexConnect.setSandbox({ verified: 'ann@example.com' as never })).toThrow(/at "verified"/)
    expect(webexConnect.emulator.sandbox()).toEqual({ enabled: false, verified: [] })
  })

  it('unsubscribe and resubscribe refuse a missing or empty sender or address by name', () => {
    expect(() => webexConnect.unsubscribe('news@shop.test', '')).toThrow(/^Invalid unsubscribe at "address"/)
    expect(() => (webexConnect.unsubscribe as (sender?: string) => unknown)('news@shop.test')).toThrow(
      /^Invalid unsubscribe at "address"/,
    )
    expect(() => webexConnect.resubscribe(undefined as never, 'ann@example.com')).toThrow(
      /^Invalid resubscribe at "sender"/,
    )
    expect(webexConnect.emulator.unsubscribed()).toEqual([])
  })

  it('suppress, unsuppress and unverify refuse a missing or blank address, and suppress a retention no time can show', () => {
    webexConnect.reset()
    expect(() => webexConnect.suppress(undefined as never)).toThrow(/^Invalid suppress at "address"/)
    expect(() => webexConnect.suppress('  ')).toThrow('Invalid suppress at "address": an address cannot be blank')
    expect(() => webexConnect.emulator.suppress('ann@example.com', { retentionMs: Number.NaN })).toThrow(
      /^Invalid suppress at "retentionMs"/,
    )
    expect(() => webexConnect.emulator.suppress('ann@example.com', { retentionMs: -1 })).toThrow(
      /^Invalid suppress at "retentionMs"/,
    )
    expect(() => webexConnect.emulator.suppress('ann@example.com', { for: '7d' } as never)).toThrow(
      /^Invalid suppress at "for": Unrecognized key/,
    )
    expect(() => webexConnect.unsuppress(undefined as never)).toThrow(/^Invalid unsuppress at "address"/)
    expect(() => webexConnect.emulator.unverify(null as never)).toThrow(/^Invalid unverify at "address"/)
    expect(webexConnect.emulator.suppressed()).toEqual([])
    // What they take still works, the retention in milliseconds or null for never.
    expect(webexConnect.emulator.suppress(' Ann@Example.com ', { retentionMs: null })).toMatchObject({
      address: 'ann@example.com',
    })
    expect(webexConnect.unsuppress('ann@example.com')).toBe(true)
  })

  it('addRule refuses what a config file refuses, naming the field, and adds nothing', () => {
    webexConnect.reset()
    expect(() => webexConnect.addRule(undefined as never)).toThrow(/^Invalid rule: /)
    expect(() => webexConnect.addRule({} as never)).toThrow(/^Invalid rule at "outcome"/)
    expect(() => webexConnect.addRule({ address: 'a@x.test', outcome: 'bounce', when: 1 } as never)).toThrow(
      /^Invalid rule at "when": Unrecognized key/,
    )
    expect(webexConnect.emulator.rules()).toEqual([])
    webexConnect.addRule({ address: 'a@x.test', outcome: 'bounce' })
    expect(webexConnect.emulator.rules()).toEqual([{ address: 'a@x.test', outcome: 'bounce' }])
  })

  it('the waits refuse what they cannot wait on by name, and take null options as none', async () => {
    webexConnect.reset()
    await expect(webexConnect.waitForStatus(undefined as never, 'Delivered')).rejects.toThrow(
      /^waitForStatus: the address must be a non-blank string, not undefined/,
    )
    await expect(webexConnect.waitForStatus('ann@example.com', '' as never)).rejects.toThrow(
      /^waitForStatus: the status must be a non-blank string, not ""/,
    )
    await expect(webexConnect.waitForWebhook('7500' as never)).rejects.toThrow(/^waitForWebhook: give a function/)
    webexConnect.emulator.send({
      channel: 'email',
      from: 'news@shop.test',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    })
    expect(await webexConnect.waitForStatus('ann@example.com', 'Delivered', null as never)).toMatchObject({
      status: 'Delivered',
    })
    // No webhook target here: null options are the default hour, waited through.
    await expect(webexConnect.waitForWebhook(() => true, null as never)).rejects.toThrow(
      /^No matching webhook within 1h of virtual time/,
    )
  })

  it.each([
    [null, 'startAt is null'],
    ['2025-01-01', 'startAt is the string "2025-01-01"'],
    [{}, 'startAt is [object Object]'],
  ])('startAt %j is refused, saying what it is', (startAt, said) => {
    expect(() => createWebexConnectMock({ startAt: startAt as never })).toThrow(said)
  })
})
