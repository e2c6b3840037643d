import { describe, expect, it } from 'vitest'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const day = 86_400_000

describe('the bounce list', () => {
  it('answers a send to a permanently bounced address with 7240 "already bounced"', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send(emailTo('ann+bounce@example.test'))
    await emulator.runUntilIdle()
    sink.length = 0
    emulator.send(emailTo('ann+bounce@example.test'))
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.payload.deliveryInfoNotification.deliveryInfo)).toEqual([
      expect.objectContaining({
        code: '7240',
        deliveryStatus: 'Failed',
        Description: 'already bounced : ann+bounce@example.test',
      }),
    ])
  })

  it('keeps the address for exactly 7 days after the bounce', async () => {
    const { emulator } = createTestEmulator()
    emulator.send(emailTo('ann+bounce@example.test'))
    await emulator.advance(1_500) // the bounce
    expect(emulator.isSuppressed('ann+bounce@example.test')).toBe(true)
    await emulator.advance(7 * day - 1)
    expect(emulator.isSuppressed('ann+bounce@example.test')).toBe(true)
    await emulator.advance(1)
    expect(emulator.isSuppressed('ann+bounce@example.test')).toBe(false)
  })

  it('lets a send through again once the entry expires', async () => {
    const { emulator, sink } = createTestEmulator({ rules: [{ address: 'ann@example.test', outcome: 'bounce' }] })
    emulator.send(emailTo('ann@example.test'))
    await emulator.runUntilIdle()
    await emulator.advance(7 * day)
    sink.length = 0
    emulator.send(emailTo('ann@example.test'))
    await emulator.runUntilIdle()
    expect(sink[0]!.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus).toBe('Submitted')
  })

  it('honours a configured retention period', async () => {
    const { emulator } = createTestEmulator({ bounceRetention: '1d' })
    emulator.send(emailTo('ann+bounce@example.test'))
    await emulator.advance(1_500 + day)
    expect(emulator.isSuppressed('ann+bounce@example.test')).toBe(false)
  })

  it('does not list transient bounces', async () => {
    const { emulator } = createTestEmulator()
    emulator.send(emailTo('ann+bounce-mailboxfull@example.test'))
    await emulator.runUntilIdle()
    expect(emulator.suppressed()).toEqual([])
  })

  it('starts with addresses suppressed in config, without expiry', async () => {
    const { emulator, sink } = createTestEmulator({ suppressed: ['Old@Example.test'] })
    emulator.send(emailTo('old@example.test'))
    await emulator.advance(30 * day)
    expect(sink[0]!.payload.deliveryInfoNotification.deliveryInfo.code).toBe('7240')
  })
})
