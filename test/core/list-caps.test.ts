// Issue 19, finding 5: every list is capped. In-process, one more entry is an `EmulatorError`
// (code "conflict") naming the limit and its config key; a config that already holds more is
// refused at start, naming the same key; caches (frequency-cap counters, WhatsApp windows) forget
// their oldest entries instead. The refusals over HTTP are in test/http/control/list-caps.test.ts.
import { describe, expect, it } from 'vitest'
import { ContactPolicy } from '../../src/core/kernel/contact-policy.js'
import { EmulatorError } from '../../src/core/kernel/errors.js'
import { parseConfig } from '../../src/core/parse-config.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { controlApp } from '../http/control/control-app.js'

/** What `run` throws: an EmulatorError "conflict" naming `key` and its limit. */
function expectConflict(run: () => unknown, key: string, max: number): void {
  let thrown: unknown
  try {
    run()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(EmulatorError)
  expect((thrown as EmulatorError).code).toBe('conflict')
  expect((thrown as EmulatorError).message).toContain(`at most ${max} entries (${key})`)
  expect((thrown as EmulatorError).message).toContain(`raise ${key}`)
}

describe('a full list refuses one more in-process', () => {
  const emulator = createEmulator({
    clock: 'virtual',
    config: {
      limits: { maxRules: 1, maxTargets: 1, maxConsentGroups: 1, maxConsentMembers: 1 },
      email: { limits: { maxSuppressed: 1, maxUnsubscribed: 1, maxVerified: 1 } },
      whatsapp: { limits: { maxOptedOut: 1 } },
    },
  })

  it('each list, by its own key', () => {
    emulator.suppress('a@x.test')
    expectConflict(() => emulator.suppress('b@x.test'), 'email.limits.maxSuppressed', 1)
    emulator.unsubscribe('news@me.test', 'a@x.test')
    expectConflict(() => emulator.unsubscribe('news@me.test', 'b@x.test'), 'email.limits.maxUnsubscribed', 1)
    expectConflict(
      () => emulator.injectSubscription('Unsubscribe', { from: 'b@x.test', senderId: 'news@me.test' }),
      'email.limits.maxUnsubscribed',
      1,
    )
    emulator.setSandbox({ verified: ['a@x.test'] })
    expectConflict(() => emulator.setSandbox({ verified: ['b@x.test'] }), 'email.limits.maxVerified', 1)
    emulator.addRule({ domain: 'x.test', outcome: 'bounce' })
    expectConflict(() => emulator.addRule({ domain: 'y.test', outcome: 'bounce' }), 'limits.maxRules', 1)
    emulator.addTarget({ url: 'http://127.0.0.1:9/a' })
    expectConflict(() => emulator.addTarget({ url: 'http://127.0.0.1:9/b' }), 'limits.maxTargets', 1)
    emulator.contactPolicy.setConsent('g1', { channel: 'email', address: 'a@x.test', consent: true })
    expectConflict(() => emulator.contactPolicy.putGroup({ id: 'g2' }), 'limits.maxConsentGroups', 1)
    expectConflict(
      () => emulator.contactPolicy.setConsent('g1', { channel: 'email', address: 'b@x.test', consent: true }),
      'limits.maxConsentMembers',
      1,
    )
    emulator.inject('whatsapp', 'whatsappPreference', { waid: '447700900001', value: 'stop' })
    expectConflict(
      () => emulator.inject('whatsapp', 'whatsappPreference', { waid: '447700900002', value: 'stop' }),
      'whatsapp.limits.maxOptedOut',
      1,
    )
    // Nothing refused was kept.
    expect(emulator.suppressed().map((e) => e.address)).toEqual(['a@x.test'])
    expect(emulator.unsubscribed().map((e) => e.address)).toEqual(['a@x.test'])
    expect(emulator.sandbox().verified).toEqual(['a@x.test'])
    expect(emulator.rules()).toHaveLength(1)
    expect(emulator.targets()).toHaveLength(1)
    expect(emulator.contactPolicy.groups().map((g) => [g.id, g.members.length])).toEqual([['g1', 1]])
  })

  it('the defaults are the documented ones', () => {
    const { limits, email, whatsapp } = parseConfig({})
    expect(limits).toMatchObject({
      maxRules: 1_000,
      maxTargets: 100,
      maxConsentGroups: 1_000,
      maxConsentMembers: 100_000,
    })
    expect(email.limits).toEqual({ maxSuppressed: 100_000, maxUnsubscribed: 100_000, maxVerified: 10_000 })
    expect(whatsapp.limits).toEqual({ maxOptedOut: 100_000 })
  })
})

describe('a config that already holds more than its limit is refused at start', () => {
  const member = (address: string) => ({ channel: 'email' as const, address, consent: true })
  it.each([
    [
      {
        limits: { maxRules: 1 },
        rules: [
          { domain: 'a.test', outcome: 'bounce' },
          { domain: 'b.test', outcome: 'bounce' },
        ],
      },
      /rules: 2 rules, more than limits\.maxRules allows \(1\)/,
    ],
    [
      {
        limits: { maxTargets: 1 },
        webhooks: { targets: [{ url: 'http://127.0.0.1:9/a' }, { url: 'http://127.0.0.1:9/b' }] },
      },
      /webhooks\.targets: 2 targets, more than limits\.maxTargets allows \(1\)/,
    ],
    [
      { limits: { maxConsentGroups: 1 }, contactPolicy: { groups: [{ id: 'g1' }, { id: 'g2' }] } },
      /contactPolicy\.groups: 2 groups, more than limits\.maxConsentGroups allows \(1\)/,
    ],
    [
      {
        limits: { maxConsentMembers: 2 },
        contactPolicy: {
          groups: [
            { id: 'g1', members: [member('a@x.test'), member('b@x.test')] },
            { id: 'g2', members: [member('c@x.test')] },
          ],
        },
      },
      /3 members in all groups, more than limits\.maxConsentMembers allows \(2\)/,
    ],
    [
      { email: { limits: { maxSuppressed: 1 }, suppressed: ['a@x.test', 'b@x.test'] } },
      /email\.suppressed: 2 addresses, more than email\.limits\.maxSuppressed allows \(1\)/,
    ],
    [
      {
        email: {
          limits: { maxUnsubscribed: 1 },
          unsubscribed: [
            { sender: 's@x.test', address: 'a@x.test' },
            { sender: 's@x.test', address: 'b@x.test' },
          ],
        },
      },
      /email\.unsubscribed: 2 pairs, more than email\.limits\.maxUnsubscribed allows \(1\)/,
    ],
    [
      { email: { limits: { maxVerified: 1 }, sandbox: { enabled: true, verified: ['a@x.test', 'b.test'] } } },
      /email\.sandbox\.verified: 2 addresses, more than email\.limits\.maxVerified allows \(1\)/,
    ],
    // The legacy top-level email keys meet the same limits.
    [
      { suppressed: ['a@x.test', 'b@x.test'], email: { limits: { maxSuppressed: 1 } } },
      /email\.suppressed: 2 addresses/,
    ],
  ])('%j', (config, message) => {
    expect(() => parseConfig(config)).toThrow(message)
    expect(() => createEmulator({ config })).toThrow(EmulatorError)
  })

  it('sender ids: at most 10,000 in config and at run time', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => `S${i}`)
    for (const config of [
      { sms: { senders: many } },
      { mms: { senders: many } },
      { rcs: { apps: many } },
      { whatsapp: { apps: many } },
    ])
      expect(() => parseConfig(config)).toThrow(/at most 10000 entries: the emulator lists no more/)
    const { call } = controlApp()
    const refused = await call('PUT', '/_emulator/sms/settings', { senders: many })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toMatch(/senders.*at most 10000 entries/)
    expect((await call('PUT', '/_emulator/sms/settings', { senders: many.slice(1) })).status).toBe(200)
  })
})

describe('a state file written under higher limits', () => {
  it('is restored whole; adding is refused until the list is back under its limit', () => {
    const roomy = createEmulator({ clock: 'virtual' })
    for (const address of ['a@x.test', 'b@x.test']) {
      roomy.suppress(address)
      roomy.unsubscribe('news@me.test', address)
    }
    roomy.setSandbox({ verified: ['a@x.test', 'b@x.test'] })
    roomy.contactPolicy.putGroup({ id: 'g1', members: [{ channel: 'email', address: 'a@x.test', consent: true }] })
    roomy.contactPolicy.putGroup({ id: 'g2', members: [{ channel: 'email', address: 'b@x.test', consent: true }] })
    const tight = createEmulator({
      clock: 'virtual',
      config: {
        limits: { maxConsentGroups: 1, maxConsentMembers: 1 },
        email: { limits: { maxSuppressed: 1, maxUnsubscribed: 1, maxVerified: 1 } },
      },
    })
    tight.importState(roomy.exportState())
    expect(tight.suppressed()).toHaveLength(2)
    expect(tight.unsubscribed()).toHaveLength(2)
    expect(tight.sandbox().verified).toHaveLength(2)
    expect(tight.contactPolicy.groups()).toHaveLength(2)
    expectConflict(() => tight.unsubscribe('news@me.test', 'c@x.test'), 'email.limits.maxUnsubscribed', 1)
    expectConflict(() => tight.suppress('c@x.test'), 'email.limits.maxSuppressed', 1)
    expect(tight.resubscribe('news@me.test', 'a@x.test')).toBe(true)
    expectConflict(() => tight.unsubscribe('news@me.test', 'c@x.test'), 'email.limits.maxUnsubscribed', 1)
    expect(tight.resubscribe('news@me.test', 'b@x.test')).toBe(true)
    tight.unsubscribe('news@me.test', 'c@x.test')
  })
})

describe('caches forget their oldest entries instead of refusing', () => {
  it('frequency-cap counters: past maxCounters the least recently counted recipient starts over', () => {
    const policy = new ContactPolicy(
      { enabled: true, unknownGroups: 'pass', groups: [] },
      { maxGroups: 10, maxMembers: 10, maxCounters: 2 },
    )
    policy.putGroup({ id: 'g', frequency: { scope: 'all', daily: 1 } }, 0)
    const request = { contactPolicyGroup: 'g', channelApplyFrequencyCap: true }
    const check = (address: string) => policy.check(request, 'email', address, 1_000)?.code
    expect(check('a@x.test')).toBeUndefined()
    expect(check('b@x.test')).toBeUndefined()
    expect(check('a@x.test')).toBe('9006') // capped: a is counted
    expect(check('c@x.test')).toBeUndefined() // a third recipient: a, the least recently counted, is forgotten
    expect(check('b@x.test')).toBe('9006')
    expect(check('a@x.test')).toBeUndefined()
  })
})
