import { describe, expect, it } from 'vitest'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

describe('fan-out', () => {
  it("gives every to, cc and bcc address its own lifecycle under the request's transid", async () => {
    const { emulator, sink, receipts } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo(['ann@a.test', 'bob+bounce@a.test'], { cc: ['cat+complaint@a.test'], bcc: [{ email: ['dan@invalid'] }] }),
    )
    await emulator.runUntilIdle()
    const last = Object.fromEntries(receipts().map(([address, status]) => [address, status]))
    expect(last).toEqual({
      'ann@a.test': 'Delivered',
      'bob+bounce@a.test': 'Bounce',
      'cat+complaint@a.test': 'Complaint',
      'dan@invalid': 'Failed',
    })
    expect(new Set(sink.map((r) => r.payload.deliveryInfoNotification.transid))).toEqual(new Set([messageId]))
    expect(emulator.message(messageId)!.recipients.map((r) => ('field' in r ? r.field : undefined))).toEqual([
      'to',
      'to',
      'cc',
      'bcc',
    ])
  })

  it("carries each to entry's correlationId, and callbackData, into its receipts", async () => {
    const { emulator, sink } = createTestEmulator()
    const response = emulator.send({
      ...emailTo('x@a.test'),
      to: [
        { email: ['ann@a.test'], correlationId: 'first' },
        { email: ['bob@a.test'], correlationId: 'second' },
      ],
      cc: ['cat@a.test'],
    })
    await emulator.runUntilIdle()
    expect(response.correlationId).toBe('first')
    const byAddress = Object.fromEntries(
      sink.map((r) => [
        r.payload.deliveryInfoNotification.deliveryInfo.destination,
        r.payload.deliveryInfoNotification,
      ]),
    )
    expect(byAddress['ann@a.test']).toMatchObject({ correlationid: 'first', callbackData: 'cb-1' })
    expect(byAddress['bob@a.test']).toMatchObject({ correlationid: 'second', callbackData: 'cb-1' })
    expect(byAddress['cat@a.test']).toMatchObject({ correlationid: 'first' })
  })

  it('shares the first correlationId across all recipients with multipleToRecipients', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send({
      ...emailTo('x@a.test'),
      multipleToRecipients: 'true',
      to: [
        { email: ['ann@a.test'], correlationId: 'first' },
        { email: ['bob@a.test'], correlationId: 'second' },
      ],
    })
    await emulator.runUntilIdle()
    expect(new Set(sink.map((r) => r.payload.deliveryInfoNotification.correlationid))).toEqual(new Set(['first']))
  })

  it('answers with correlationId "" when the first to entry has none', () => {
    const { emulator } = createTestEmulator()
    expect(emulator.send({ ...emailTo('a@a.test'), to: [{ email: ['a@a.test'] }] }).correlationId).toBe('')
  })

  it('starts the lifecycle at sendAt', async () => {
    const { emulator, clock, sink } = createTestEmulator()
    emulator.send(emailTo('ann@a.test', { sendAt: new Date(clock.now() + 60_000).toISOString() }))
    await emulator.advance(59_999)
    expect(sink).toHaveLength(0)
    await emulator.advance(1)
    expect(sink).toHaveLength(1)
  })
})

describe('requestedReceipts and webhook targets', () => {
  it("sends the request's notifyUrl only the receipts it asked for, in lower case names", async () => {
    const { emulator, sink } = createTestEmulator({ webhooks: { targets: [] } })
    emulator.send(
      emailTo(['ann+click@a.test', 'bob+bounce@a.test'], {
        notifyUrl: 'http://app.test/notify',
        requestedReceipts: ['delivered', 'bounced'],
      }),
    )
    await emulator.runUntilIdle()
    expect(sink.map((r) => [r.url, r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus])).toEqual([
      ['http://app.test/notify', 'Delivered'],
      ['http://app.test/notify', 'Bounce'],
    ])
  })

  it('maps "failed" to every Failed code and "invalid" to 7523/7524', async () => {
    const { emulator, sink } = createTestEmulator({ webhooks: { targets: [] }, suppressed: ['gone@a.test'] })
    emulator.send(
      emailTo(['bad@invalid', 'gone@a.test', 'ok@a.test'], {
        notifyUrl: 'http://app.test/n',
        requestedReceipts: ['invalid'],
      }),
    )
    emulator.send(
      emailTo(['bad@invalid', 'gone@a.test', 'ok@a.test'], {
        notifyUrl: 'http://app.test/n',
        requestedReceipts: ['failed'],
      }),
    )
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.payload.deliveryInfoNotification.deliveryInfo.code)).toEqual(['7523', '7523', '7240'])
  })

  it('sends everything to notifyUrl when requestedReceipts is absent, and filters service targets by their events', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://ops.test/bounces', events: ['bounce'] }] },
    })
    emulator.send(emailTo(['ann@a.test', 'bob+bounce@a.test'], { notifyUrl: 'http://app.test/n' }))
    await emulator.runUntilIdle()
    expect(sink.filter((r) => r.url === 'http://app.test/n')).toHaveLength(4)
    expect(
      sink
        .filter((r) => r.url === 'http://ops.test/bounces')
        .map((r) => r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus),
    ).toEqual(['Bounce'])
  })

  it('adds notifyUrlAuthId headers from config to notifyUrl deliveries', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [], notifyUrlAuth: { app: { authorization: 'Basic YTpi' } } },
    })
    emulator.send(emailTo('ann@a.test', { notifyUrl: 'http://app.test/n', notifyUrlAuthId: 'app' }))
    await emulator.runUntilIdle()
    expect(sink[0]!.headers).toMatchObject({ authorization: 'Basic YTpi', 'content-type': 'application/json' })
  })
})

describe('inbound events and webhook targets', () => {
  it('delivers email Unsubscribe and Subscribe events to a target whose events list names them', async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/subs', events: ['unsubscribe', 'subscribe'] }] },
    })
    emulator.inject('email', 'unsubscribe', { from: 'ann@x.test', senderId: 'news@brand.test' })
    emulator.inject('email', 'subscribe', { from: 'ann@x.test', senderId: 'news@brand.test' })
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.url)).toEqual(['http://app.test/subs', 'http://app.test/subs'])
  })
})
