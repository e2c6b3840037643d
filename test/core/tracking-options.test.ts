import { describe, expect, it } from 'vitest'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const statuses = (emulator: ReturnType<typeof createTestEmulator>['emulator'], messageId: string) =>
  emulator.message(messageId)!.recipients.map((r) => r.receipts.map((x) => x.status))

describe('options.trackOpens and options.trackClicks', () => {
  it('keeps Read and Clicked when the options are absent', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(emailTo('ann+click@a.test'))
    await emulator.runUntilIdle()
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered', 'Read', 'Clicked']])
  })

  it('trackOpens false: no Read; trackClicks false: no Clicked — whatever the address asks for', async () => {
    const { emulator } = createTestEmulator()
    const noOpens = emulator.send(emailTo('ann+click@a.test', { options: { trackOpens: false } }))
    const noClicks = emulator.send(emailTo('bob+click@a.test', { options: { trackClicks: false } }))
    const neither = emulator.send(emailTo('cid+click@a.test', { options: { trackOpens: false, trackClicks: false } }))
    await emulator.runUntilIdle()
    expect(statuses(emulator, noOpens.messageId)).toEqual([['Submitted', 'Delivered', 'Clicked']])
    expect(statuses(emulator, noClicks.messageId)).toEqual([['Submitted', 'Delivered', 'Read']])
    expect(statuses(emulator, neither.messageId)).toEqual([['Submitted', 'Delivered']])
    expect(emulator.message(neither.messageId)!.recipients[0]!.fate).toBe(
      'clicked (magic address); no Read: options.trackOpens is false; no Clicked: options.trackClicks is false',
    )
  })

  it('takes the options as strings too ("false"), as the vendor examples write booleans', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo('ann+read-2@a.test', { options: { trackOpens: 'false', trackClicks: 'true' } }),
    )
    await emulator.runUntilIdle()
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered']])
  })

  it('refuses a manual read or click when the message turned tracking off', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo('ann+hold@a.test', { options: { trackOpens: false, trackClicks: false } }),
    )
    await emulator.advance(0)
    expect(() => emulator.act(messageId, 'ann+hold@a.test', { action: 'read' })).toThrow(/trackOpens false/)
    expect(() => emulator.act(messageId, 'ann+hold@a.test', { action: 'click' })).toThrow(/trackClicks false/)
    emulator.act(messageId, 'ann+hold@a.test', { action: 'deliver' })
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered']])
  })
})
