import { describe, expect, it } from 'vitest'
import { MessengerState, messengerConfigSchema } from '../../../src/core/channels/messenger/state.js'
import { parsePhoneOutcome } from '../../../src/core/kernel/phone-outcome.js'

// Messenger's window policy on its own: which messages fail with 7313 or 7526, and why.

const hour = 3_600_000
const day = 24 * hour
const outsideWindow =
  '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview'

function state(config: Record<string, unknown> = {}, now = 0) {
  const clock = { now: () => now }
  const table = { codes: new Map(), aliases: new Map(), defaults: { failed: '7000', undelivered: '7000' } }
  const ctx = { config: messengerConfigSchema.parse(config), clock, formatTimestamp: (ms: number) => `t${ms}` }
  return new MessengerState(ctx as never, (name) => parsePhoneOutcome(name, table))
}

describe('the Messenger window', () => {
  it('lets a standard message through for 24 hours after the user last wrote, then fails it with 7313 and Meta’s words', () => {
    const fb = state()
    expect(fb.windowFailure('app1', 'psid1', {}, 0)).toEqual({
      code: '7313',
      additionalInfo: outsideWindow,
      why: 'no message from psid1 to app1 in the last 24 h',
    })
    fb.windows.open('app1', ['psid1'], 1_000)
    expect(fb.windowFailure('app1', 'psid1', { messaging_type: 'RESPONSE' }, 1_000 + day - 1)).toBeUndefined()
    expect(fb.windowFailure('app1', 'psid1', {}, 1_000 + day)?.code).toBe('7313')
    expect(fb.windowFailure('app2', 'psid1', {}, 2_000)?.code).toBe('7313')
  })

  it('lets a tagged message through for the tag’s own period (HUMAN_AGENT: 7 days)', () => {
    const fb = state()
    fb.windows.open('app1', ['psid1'], 0)
    const tagged = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }
    expect(fb.windowFailure('app1', 'psid1', tagged, 3 * day)).toBeUndefined()
    expect(fb.windowFailure('app1', 'psid1', { tag: 'HUMAN_AGENT' }, 7 * day - 1)).toBeUndefined()
    expect(fb.windowFailure('app1', 'psid1', tagged, 7 * day)).toEqual({
      code: '7313',
      additionalInfo: outsideWindow,
      why: 'no message from psid1 to app1 in the last 168 h (tag HUMAN_AGENT)',
    })
  })

  it('fails an unknown tag, or MESSAGE_TAG without one, with 7526 wherever the window stands', () => {
    const fb = state()
    fb.windows.open('app1', ['psid1'], 0)
    expect(fb.windowFailure('app1', 'psid1', { messaging_type: 'MESSAGE_TAG' }, 1)).toEqual({
      code: '7526',
      additionalInfo: '',
      why: 'MESSAGE_TAG without a tag',
    })
    expect(
      fb.windowFailure('app1', 'psid1', { messaging_type: 'MESSAGE_TAG', tag: 'CONFIRMED_EVENT_UPDATE' }, 1),
    ).toEqual({
      code: '7526',
      additionalInfo: '',
      why: 'tag "CONFIRMED_EVENT_UPDATE" is not one of fb.tags',
    })
    // An object's own keys only: a tag named like a property every object has is unknown too.
    expect(fb.windowFailure('app1', 'psid1', { tag: 'constructor' }, 1)?.code).toBe('7526')
  })

  it('with enforceWindow off fails nothing for the window, but still refuses unknown tags; takes the configured tags and window', () => {
    const off = state({ enforceWindow: false })
    expect(off.windowFailure('app1', 'psid1', {}, 10 * day)).toBeUndefined()
    expect(off.windowFailure('app1', 'psid1', { tag: 'X' }, 0)?.code).toBe('7526')
    const custom = state({ window: '1h', tags: { POST_PURCHASE_UPDATE: '2h' } })
    custom.windows.open('app1', ['psid1'], 0)
    expect(custom.windowFailure('app1', 'psid1', {}, hour)?.why).toBe('no message from psid1 to app1 in the last 1 h')
    expect(custom.windowFailure('app1', 'psid1', { tag: 'POST_PURCHASE_UPDATE' }, hour)).toBeUndefined()
    expect(custom.windowFailure('app1', 'psid1', { tag: 'HUMAN_AGENT' }, 0)?.code).toBe('7526')
  })

  it('keeps its windows in the state file, counts them, lists them with whether each is open, and clears them', () => {
    const fb = state({}, day)
    fb.windows.open('app1', ['psid1'], 0)
    fb.windows.open('app1', ['psid2'], hour)
    expect(fb.summary()).toEqual({ windows: 2 })
    expect(fb.listWindows()).toEqual([
      { appId: 'app1', user: 'psid1', lastInboundAt: 't0', closesAt: `t${day}`, open: false },
      { appId: 'app1', user: 'psid2', lastInboundAt: `t${hour}`, closesAt: `t${day + hour}`, open: true },
    ])
    const saved = JSON.parse(JSON.stringify(fb.snapshot()))
    const other = state()
    other.restore(saved)
    expect(other.snapshot()).toEqual(saved)
    other.restore({})
    expect(other.summary()).toEqual({ windows: 0 })
    fb.clear()
    expect(fb.summary()).toEqual({ windows: 0 })
  })
})
