// Issue 19, finding 5: "cap every list with a documented limit and a clear refusal". Every list a
// user fills over the control API holds at most what the config allows; one more is a 409 naming
// the limit and the config key that raises it, and changes nothing. Over real HTTP, with the limits
// set small so the lists fill quickly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../../src/runtime/create-emulator.js'

let emulator: Emulator
let server: RunningServer

beforeAll(async () => {
  emulator = createEmulator({
    clock: 'virtual',
    config: {
      seed: 19,
      limits: { maxRules: 2, maxTargets: 2, maxConsentGroups: 2, maxConsentMembers: 3 },
      email: { limits: { maxSuppressed: 2, maxUnsubscribed: 2, maxVerified: 2 } },
      whatsapp: { limits: { maxOptedOut: 1 } },
    },
  })
  server = await startServer(emulator, { port: 0 })
})

afterAll(async () => {
  await server.close(0)
})

// Each test fills its lists from empty, in any order (vitest --sequence.shuffle).
beforeEach(() => emulator.reset())

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/_emulator${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

/** One more entry is refused with 409 naming `key` and its limit, and `read` shows nothing changed. */
async function expectFull(method: string, path: string, body: unknown, key: string, max: number, read: string) {
  const before = await call('GET', read)
  const refused = await call(method, path, body)
  expect(refused.status, JSON.stringify(refused.body)).toBe(409)
  expect(refused.body.code).toBe('conflict')
  const escaped = key.replace(/\./g, '\\.')
  expect(refused.body.message).toMatch(new RegExp(`at most ${max} entries \\(${escaped}\\).*raise ${escaped}`))
  expect(await call('GET', read)).toEqual(before)
}

describe('every list filled over the control API is capped', () => {
  it('the bounce list (email.limits.maxSuppressed)', async () => {
    for (const address of ['a@x.test', 'b@x.test'])
      expect((await call('POST', '/suppression', { address })).status).toBe(201)
    await expectFull('POST', '/suppression', { address: 'c@x.test' }, 'email.limits.maxSuppressed', 2, '/suppression')
    expect((await call('DELETE', '/suppression/a%40x.test')).status).toBe(204)
    expect((await call('POST', '/suppression', { address: 'c@x.test' })).status).toBe(201)
  })

  it('the unsubscribe list (email.limits.maxUnsubscribed), from the route and from Unsubscribe events', async () => {
    expect((await call('POST', '/unsubscribes', { sender: 'news@me.test', address: 'a@x.test' })).status).toBe(201)
    expect((await call('POST', '/inbound/unsubscribe', { from: 'b@x.test', senderId: 'news@me.test' })).status).toBe(
      201,
    )
    // The same pair again is no growth.
    expect((await call('POST', '/unsubscribes', { sender: 'news@me.test', address: 'b@x.test' })).status).toBe(201)
    const body = { sender: 'news@me.test', address: 'c@x.test' }
    await expectFull('POST', '/unsubscribes', body, 'email.limits.maxUnsubscribed', 2, '/unsubscribes')
    const event = { from: 'c@x.test', senderId: 'news@me.test' }
    await expectFull('POST', '/inbound/unsubscribe', event, 'email.limits.maxUnsubscribed', 2, '/unsubscribes')
    expect((await call('GET', '/inbound')).body.events).toHaveLength(1) // the refused event was not logged
  })

  it('the sandbox verified list (email.limits.maxVerified): a request that would overfill it changes nothing', async () => {
    expect((await call('PUT', '/sandbox', { verified: ['a@x.test'] })).status).toBe(200)
    // Two more would make three: refused whole, and `enabled` is not turned on either.
    await expectFull(
      'PUT',
      '/sandbox',
      { enabled: true, verified: ['b@x.test', 'x.test'] },
      'email.limits.maxVerified',
      2,
      '/sandbox',
    )
    expect((await call('GET', '/sandbox')).body).toEqual({ enabled: false, verified: ['a@x.test'] })
    expect((await call('PUT', '/sandbox', { verified: ['A@x.test', 'x.test'] })).status).toBe(200)
  })

  it('rules (limits.maxRules)', async () => {
    for (const domain of ['one.test', 'two.test'])
      expect((await call('POST', '/rules', { domain, outcome: 'bounce' })).status).toBe(201)
    await expectFull('POST', '/rules', { domain: 'three.test', outcome: 'bounce' }, 'limits.maxRules', 2, '/rules')
    expect((await call('DELETE', '/rules/0')).status).toBe(204)
    expect((await call('POST', '/rules', { domain: 'three.test', outcome: 'bounce' })).status).toBe(201)
  })

  it('webhook targets (limits.maxTargets)', async () => {
    for (const n of [1, 2])
      expect((await call('POST', '/webhooks/targets', { url: `http://127.0.0.1:9/t${n}` })).status).toBe(201)
    await expectFull(
      'POST',
      '/webhooks/targets',
      { url: 'http://127.0.0.1:9/t3' },
      'limits.maxTargets',
      2,
      '/webhooks/targets',
    )
  })

  it('consent groups (limits.maxConsentGroups) and members in all groups (limits.maxConsentMembers)', async () => {
    const member = (address: string) => ({ channel: 'email', address, consent: true })
    expect((await call('PUT', '/contact-policy/groups/g1', { members: [member('a@x.test')] })).status).toBe(200)
    expect((await call('PUT', '/contact-policy/groups/g2', {})).status).toBe(200)
    await expectFull('PUT', '/contact-policy/groups/g3', {}, 'limits.maxConsentGroups', 2, '/contact-policy')
    // A member of a group not yet made would make a third group.
    await expectFull(
      'POST',
      '/contact-policy/groups/g3/members',
      member('z@x.test'),
      'limits.maxConsentGroups',
      2,
      '/contact-policy',
    )
    // Replacing a group is no new group.
    expect((await call('PUT', '/contact-policy/groups/g2', { type: 'allow' })).status).toBe(200)

    for (const address of ['b@x.test', 'c@x.test'])
      expect((await call('POST', '/contact-policy/groups/g2/members', member(address))).status).toBe(201)
    await expectFull(
      'POST',
      '/contact-policy/groups/g1/members',
      member('d@x.test'),
      'limits.maxConsentMembers',
      3,
      '/contact-policy',
    )
    // Replacing g1 with two members makes four in all: refused whole.
    await expectFull(
      'PUT',
      '/contact-policy/groups/g1',
      { members: [member('a@x.test'), member('d@x.test')] },
      'limits.maxConsentMembers',
      3,
      '/contact-policy',
    )
    // Changing a member's record is no growth.
    expect(
      (await call('POST', '/contact-policy/groups/g1/members', { ...member('a@x.test'), consent: false })).status,
    ).toBe(201)
  })

  it("the vendor's Consent API meets the same member cap", async () => {
    const member = (address: string) => ({ channel: 'email', address, consent: true })
    expect((await call('PUT', '/contact-policy/groups/g1', { members: [member('a@x.test')] })).status).toBe(200)
    for (const address of ['b@x.test', 'c@x.test'])
      expect((await call('POST', '/contact-policy/groups/g1/members', member(address))).status).toBe(201)
    const response = await fetch(`${server.url}/v1/groups/g1/members`, {
      method: 'POST',
      headers: { authorization: 'Bearer any-key', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'email', address: 'e@x.test', consent: true }),
    })
    expect(response.status).toBe(409)
    expect((await response.json()).message).toMatch(/at most 3 entries \(limits\.maxConsentMembers\)/)
    const members = (await call('GET', '/contact-policy')).body.groups.flatMap((g: { members: unknown[] }) => g.members)
    expect(members).toHaveLength(3)
  })

  it('the WhatsApp opt-out list (whatsapp.limits.maxOptedOut), filled by user_preference events', async () => {
    const preference = (waid: string, value: 'stop' | 'resume') => ({ waid, value })
    const path = '/inbound/whatsapp/user_preference'
    expect((await call('POST', path, preference('447700900001', 'stop'))).status).toBe(201)
    await expectFull('POST', path, preference('447700900002', 'stop'), 'whatsapp.limits.maxOptedOut', 1, '/inbound')
    expect(JSON.stringify(emulator.exportState())).not.toContain('447700900002')
    expect((await call('POST', path, preference('447700900001', 'resume'))).status).toBe(201)
    expect((await call('POST', path, preference('447700900002', 'stop'))).status).toBe(201)
  })
})
