// Names that are also properties of every JavaScript object (constructor, __proto__, toString) are
// ordinary data when a user writes them: addresses, labels, outcomes, ids. Issue 19, finding 4:
// each of these once answered 500 or was accepted and then broke every matching send.
import { describe, expect, it, vi } from 'vitest'
import { hostOf } from '../../src/core/emulator.js'
import { EmulatorError } from '../../src/core/kernel/errors.js'
import { parseConfig } from '../../src/core/parse-config.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { capture, Variables } from '../../src/scenarios/variables.js'
import { runCli } from '../support/cli.js'
import { controlApp, mail, receiptsIn } from './control/control-app.js'

const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

describe('prototype names in addresses', () => {
  it.each([
    ...prototypeNames.map((name) => `${name}@simulator.amazonses.com`),
    ...prototypeNames.map((name) => `ann+bounce-${name}@x.test`),
    ...prototypeNames.map((name) => `ann+complaint-${name}@x.test`),
    ...prototypeNames.map((name) => `ann+${name}@x.test`),
  ])('%s is an ordinary address: accepted and delivered', async (address) => {
    const { send, emulator, sink } = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/h' }] } } })
    const response = await send(mail(address))
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    await emulator.runUntilIdle()
    const destination = address.toLowerCase() // addresses are kept in lower case
    expect(receiptsIn(sink)).toEqual([
      [destination, 'Submitted', 'Submitted'],
      [destination, 'Delivered', 'Delivered'],
    ])
  })

  it('accepts a request mixing an ordinary address with one of them, whole: both recipients get their lifecycle', async () => {
    const { send, emulator, sink } = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/h' }] } } })
    const response = await send(mail(['ok1@x.test', 'ann+bounce-constructor@x.test']))
    expect(response.status).toBe(201)
    await emulator.runUntilIdle()
    expect(emulator.messages()).toHaveLength(1)
    expect(receiptsIn(sink).map(([address, status]) => `${address} ${status}`)).toEqual([
      'ok1@x.test Submitted',
      'ann+bounce-constructor@x.test Submitted',
      'ok1@x.test Delivered',
      'ann+bounce-constructor@x.test Delivered',
    ])
  })
})

describe('a send is atomic', () => {
  const capped = {
    contactPolicy: {
      groups: [{ id: 'news', type: 'deny' as const, frequency: { scope: 'all' as const, daily: 1 } }],
    },
    webhooks: { targets: [{ url: 'http://app.test/h' }] },
  }
  const withCap = { contactPolicy: { contactPolicyGroup: 'news', channelApplyFrequencyCap: true } }

  it('when deciding one recipient fails, nothing is recorded, scheduled, posted or counted for any of them', async () => {
    const { send, emulator, sink, snapshot } = controlApp({ config: capped })
    // Deciding the second recipient's fate blows up (a stand-in for any bug in a fate check).
    const email = hostOf(emulator).channels.find((c) => c.definition.name === 'email')!.state as unknown as {
      isSandboxBlocked(address: string): boolean
    }
    const original = email.isSandboxBlocked.bind(email)
    const spy = vi.spyOn(email, 'isSandboxBlocked').mockImplementation((address) => {
      if (address === 'second@x.test') throw new EmulatorError('invalid_parameter', 'Invalid parameter - to', 'to')
      return original(address)
    })
    const before = snapshot()
    const response = await send(mail(['first@x.test', 'second@x.test'], withCap))
    expect(response.status).toBe(400)
    expect(spy).toHaveBeenCalledTimes(2)
    await emulator.runUntilIdle()
    expect(snapshot()).toBe(before)
    expect(sink).toEqual([])
    // The refused request did not use up first@'s one message a day.
    spy.mockRestore()
    expect((await send(mail('first@x.test', withCap))).status).toBe(201)
    await emulator.runUntilIdle()
    expect(receiptsIn(sink).map(([, status]) => status)).toEqual(['Submitted', 'Delivered'])
  })
})

describe('prototype names as outcomes, actions and ids', () => {
  it.each([
    'constructor',
    '__proto__',
    'bounce-constructor',
    'bounce-__proto__',
    'complaint-constructor',
    'read-constructor',
  ])('refuses the rule outcome "%s" with 400 naming it, changing nothing', async (outcome) => {
    const { expectRefused } = controlApp()
    const body = await expectRefused(
      'POST',
      '/_emulator/rules',
      { domain: 'r.test', outcome },
      400,
      'invalid_request',
      /is not an outcome/,
    )
    expect(body.field).toBe('outcome')
  })

  it.each(['constructor', 'bounce-constructor', 'bounce-__proto__'])(
    'refuses defaultOutcome "%s" when the emulator starts',
    (defaultOutcome) => {
      expect(() => createEmulator({ clock: 'virtual', config: { defaultOutcome } })).toThrow(/is not an outcome/)
    },
  )

  it.each([
    ['fb', 'fb.defaultOutcome'],
    ['AppleBusinessChat', 'AppleBusinessChat.defaultOutcome'],
  ])('refuses a %s defaultOutcome that is not an outcome, naming %s', (slice, key) => {
    expect(() => createEmulator({ clock: 'virtual', config: { [slice]: { defaultOutcome: 'constructor' } } })).toThrow(
      `${key} "constructor" is not an outcome`,
    )
  })

  it.each([
    [{ action: 'bounce', type: 'constructor' }, /"constructor" is not a bounce type/],
    [{ action: 'bounce', type: '__proto__' }, /"__proto__" is not a bounce type/],
    [{ action: 'complain', type: 'constructor' }, /"constructor" is not a complaint type/],
    [{ action: 'constructor' }, /action/],
  ])('refuses the manual action %j with 400, leaving the recipient held', async (action, message) => {
    const { send, call, emulator } = controlApp()
    const { body } = await send(mail('ann+hold@x.test'))
    const path = `/_emulator/messages/${body.messageId}/recipients/ann+hold@x.test/actions`
    const refused = await call('POST', path, action)
    expect(refused.status, JSON.stringify(refused.body)).toBe(400)
    expect(refused.body.message).toMatch(message)
    await emulator.runUntilIdle()
    expect(emulator.messages()[0]!.recipients[0]!.status).toBe('Submitted')
    // …and a real bounce still works afterwards.
    expect((await call('POST', path, { action: 'bounce', type: 'mailboxfull' })).status).toBe(200)
  })

  it('refuses an inbound event named after a prototype property as unknown', () => {
    const emulator = createEmulator({ clock: 'virtual' })
    for (const kind of prototypeNames) {
      const error = (() => {
        try {
          emulator.inject('email', kind, {})
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(EmulatorError)
      expect(error).toMatchObject({ code: 'not_found' })
    }
  })

  it('names a config key "constructor" as unknown, not as moved', () => {
    expect(() => parseConfig({ constructor: 1 })).toThrow(/unknown key "constructor"/)
    expect(() => parseConfig({ chaos: { toString: 1 } })).toThrow(/unknown key "chaos.toString"/)
  })

  it('captures nothing from a scenario response at "body.constructor"', () => {
    const vars = new Variables({})
    expect(capture(vars, { x: 'body.constructor', y: 'body.__proto__' }, { body: {} })).toEqual([
      'capture x: nothing at "body.constructor" in the response',
      'capture y: nothing at "body.__proto__" in the response',
    ])
  })

  it('answers the CLI command "constructor" as unknown (exit 2)', async () => {
    const cli = runCli(['constructor'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toMatch(/unknown command "constructor"/i)
  })
})
