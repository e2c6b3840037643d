import { describe, expect, it } from 'vitest'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

/** Meta's 24-hour standard messaging window on Messenger (D-FB; docs/decisions/015-messenger-window.md). */
const app = 'a_638604000000099980000'
const psid = '1368028456544331'
const hour = 3_600_000

const send = (fb: Record<string, unknown> = { text: 'Welcome to IMIconnect' }, to = psid) => ({
  deliverychannel: 'fb',
  appid: app,
  destination: [{ psid: [to] }],
  channels: { 'OTT-Messaging': { fb } },
})

function setup(config: EmulatorConfigInput['fb'] = {}) {
  const t = createTestEmulator({ fb: { apps: [app], read: false, ...config } })
  const infos = () =>
    t.sink.filter((r) => r.payload.deliveryInfoNotification).map((r) => r.payload.deliveryInfoNotification.deliveryInfo)
  const statuses = () =>
    infos().map((i) => `${i.deliveryStatus}${['7500', '7501'].includes(i.code) ? '' : ` ${i.code}`}`)
  const userWrites = (from = psid) => t.emulator.inject('fb', 'messenger', { psid: from, text: 'hi', appId: app })
  return { ...t, infos, statuses, userWrites }
}

describe('Messenger’s 24-hour standard messaging window', () => {
  it('accepts a message to a user who never wrote in (1001 Queued), then fails it with one Failed 7313 and Meta’s text', async () => {
    const { emulator, infos } = setup()
    const { message } = emulator.sendV1(send())
    expect(message.recipients[0]!.fate).toContain('7313')
    await emulator.runUntilIdle()
    expect(infos()).toEqual([
      expect.objectContaining({
        deliveryStatus: 'Failed',
        code: '7313',
        Description: 'Inbound message not received from the user',
        additionalInfo: expect.stringMatching(/^\(#10\) This message is sent outside of allowed window\./),
        destinationType: 'psid',
        destination: psid,
      }),
    ])
  })

  it('opens on an inbound message and closes 24 hours later on the emulator clock', async () => {
    const { emulator, statuses, userWrites } = setup()
    userWrites()
    await emulator.advance(23 * hour)
    emulator.sendV1(send())
    await emulator.advance(hour)
    emulator.sendV1(send())
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Delivered', 'Failed 7313'])
  })

  it('is opened by a postback too, per app and per user', async () => {
    const { emulator, statuses } = setup({ apps: [app, 'a_other'] })
    emulator.inject('fb', 'messenger', { psid, postback: 'GET_STARTED', appId: app })
    emulator.inject('fb', 'messenger', { psid: '99', text: 'hi', appId: 'a_other' })
    emulator.sendV1(send())
    await emulator.runUntilIdle()
    emulator.sendV1(send({ text: 'x' }, '99'))
    await emulator.runUntilIdle()
    expect(statuses()).toEqual(['Submitted', 'Delivered', 'Failed 7313'])
  })

  it('lets a HUMAN_AGENT-tagged message through for 7 days after the user wrote, not after', async () => {
    const { emulator, statuses, userWrites } = setup()
    const tagged = send({ text: 'An agent here', messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })
    userWrites()
    await emulator.advance(6 * 24 * hour)
    emulator.sendV1(tagged)
    emulator.sendV1(send())
    await emulator.runUntilIdle()
    await emulator.advance(24 * hour)
    emulator.sendV1(tagged)
    await emulator.runUntilIdle()
    expect(statuses().sort()).toEqual(['Delivered', 'Failed 7313', 'Failed 7313', 'Submitted'])
    expect(statuses().at(-1)).toBe('Failed 7313')
  })

  it('fails a deprecated tag, or MESSAGE_TAG without a tag, with 7526 even inside the window', async () => {
    const { emulator, infos, userWrites } = setup()
    userWrites()
    emulator.sendV1(send({ text: 'x', messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' }))
    emulator.sendV1(send({ text: 'x', messaging_type: 'MESSAGE_TAG' }))
    await emulator.runUntilIdle()
    expect(infos().map((i) => [i.code, i.Description])).toEqual([
      ['7526', 'Either subscription messaging permission not enabled or invalid tag received from the request'],
      ['7526', 'Either subscription messaging permission not enabled or invalid tag received from the request'],
    ])
  })

  it('takes the tags and window fb config gives, and never fails with fb.enforceWindow false', async () => {
    const custom = setup({ window: '1h', tags: { CUSTOMER_FEEDBACK: '2h' } })
    custom.userWrites()
    await custom.emulator.advance(90 * 60_000)
    custom.emulator.sendV1(send())
    custom.emulator.sendV1(send({ text: 'x', messaging_type: 'MESSAGE_TAG', tag: 'CUSTOMER_FEEDBACK' }))
    await custom.emulator.runUntilIdle()
    expect(custom.statuses().sort()).toEqual(['Delivered', 'Failed 7313', 'Submitted'])

    const lax = setup({ enforceWindow: false })
    lax.emulator.sendV1(send())
    await lax.emulator.runUntilIdle()
    expect(lax.statuses()).toEqual(['Submitted', 'Delivered'])
  })

  it('keeps the windows in the state file', async () => {
    const first = setup()
    first.userWrites()
    const snapshot = JSON.parse(JSON.stringify(first.emulator.exportState()))
    expect(snapshot.channels.fb.windows).toEqual([{ appId: app, user: psid, at: expect.any(Number) }])
    const second = setup()
    second.emulator.importState(snapshot)
    second.emulator.sendV1(send())
    await second.emulator.runUntilIdle()
    expect(second.statuses()).toEqual(['Submitted', 'Delivered'])
  })
})
