import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

const send =
  'send: { channel: email, from: a@brand.test, to: [{ email: [ann@x.test] }], content: { type: text, subject: Hi, text: Hi } }'

describe('scenario config against a running emulator (--target)', () => {
  let emulator: RunningServer
  beforeAll(async () => {
    emulator = await startServer(createEmulator({ clock: 'real', config: { serviceKeys: ['scenario-key'] } }), {
      port: 0,
      host: '127.0.0.1',
    })
  })
  afterAll(() => emulator.close(0))

  const get = async (path: string) => (await fetch(`${emulator.url}/_emulator${path}`)).json()

  it('applies chaos through the control API, and takes it off afterwards', async () => {
    const file = writeScenario([
      'name: chaos',
      'config: { chaos: { errorRate: 1, errorStatus: 503 } }',
      'steps:',
      `  - ${send}`,
      '    expect: { status: 503 }',
    ])
    const result = await runScenario(file, { target: emulator.url })
    expect(result.status, result.report).toBe('passed')
    expect(await get('/chaos')).toMatchObject({ chaos: null })
  })

  it('applies rateLimit through the control API, and restores the emulator’s own afterwards', async () => {
    const file = writeScenario([
      'name: quota',
      'config: { rateLimit: { perDay: 1, answer: http-429 } }',
      'steps:',
      `  - ${send}`,
      `  - ${send}`,
      '    expect: { status: 429 }',
    ])
    const result = await runScenario(file, { target: emulator.url })
    expect(result.status, result.report).toBe('passed')
    expect(await get('/rate-limit')).toMatchObject({ rateLimit: { answer: 'gateway' } })
    expect(((await get('/rate-limit')) as { rateLimit: object }).rateLimit).not.toHaveProperty('perDay')
  })

  it('applies contactPolicy groups and enabled through the control API (they were only noted), and the reset takes them off', async () => {
    const file = writeScenario([
      'name: consent',
      'config:',
      '  contactPolicy:',
      '    groups: [{ id: news, type: allow, members: [{ channel: email, address: ann@x.test, consent: true }] }]',
      'receivers: [{ name: hooks }]',
      'steps:',
      '  - send: { channel: email, from: a@brand.test, to: [{ email: [ann@x.test, bob@x.test] }], content: { type: text, subject: Hi, text: Hi }, contactPolicy: { contactPolicyGroup: news, channelCheckConsent: true } }',
      '  - advance: 5s',
      // bob is not a member of an allow group: refused by the group the scenario configured.
      '  - expectWebhooks:',
      '      - { receiver: hooks, destination: ann@x.test, status: Submitted }',
      '      - { receiver: hooks, destination: bob@x.test, code: "9002" }',
      '      - { receiver: hooks, destination: ann@x.test, status: Delivered }',
    ])
    const result = await runScenario(file, { target: emulator.url })
    expect(result.status, result.report).toBe('passed')
    expect(result.notes).toEqual([])
    expect(await get('/contact-policy')).toMatchObject({ enabled: true, groups: [] })
  })

  it('lists in a note the config it cannot apply: contactPolicy.unknownGroups, webhooks.ordering, webhooks.concurrencyPerTarget', async () => {
    const file = writeScenario([
      'name: unapplied',
      'config:',
      '  contactPolicy: { unknownGroups: reject }',
      '  webhooks: { ordering: per-recipient, concurrencyPerTarget: 2 }',
      'steps:',
      '  - advance: 1s',
    ])
    const result = await runScenario(file, { target: emulator.url })
    expect(result.status, result.report).toBe('passed')
    expect(result.notes).toEqual([
      'not applied with --target (start the emulator with them): config.contactPolicy.unknownGroups, config.webhooks.concurrencyPerTarget, config.webhooks.ordering',
    ])
  })
})
