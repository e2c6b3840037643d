import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  assertScenarioPassed,
  defineScenario,
  match,
  parseScenarioText,
  runScenario,
} from '../../src/scenarios/index.js'
import { matchWebhook, type WebhookView } from '../../src/scenarios/webhook-view.js'
import { annotatedScenarioStart } from '../support/doc-blocks.js'

const email = (to: string) => ({
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: [to] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
})

describe('defining and loading scenarios', () => {
  it('names the step, the field and the line of a mistake in a YAML file', () => {
    const yaml = [
      'name: broken',
      'steps:',
      '  - advance: 2s',
      '  - expectWebhooks: [{ status: Submitted }]',
      '    colour: blue',
      '  - sned: {}',
    ].join('\n')
    expect(() => parseScenarioText(yaml, 'broken.yaml')).toThrow(
      /steps\[1\]\.colour \(line 5\): unknown key "colour"[\s\S]*steps\[2\] \(line 6\): unknown step \(keys: sned\)/,
    )
  })

  it('refuses a step that does two things', () => {
    expect(() => defineScenario({ name: 'x', steps: [{ advance: '1s', send: {} } as never] })).toThrow(
      /a step does one thing, but this one has send and advance/,
    )
  })

  it('refuses a duration it cannot read, but lets a ${variable} through', () => {
    expect(() => defineScenario({ name: 'x', steps: [{ advance: 'soon' }] })).toThrow(
      /steps\[0\]\.advance: expected a duration/,
    )
    expect(defineScenario({ name: 'x', vars: { wait: '2s' }, steps: [{ advance: '${wait}' }] }).steps).toHaveLength(1)
  })
})

describe('running a scenario from code', () => {
  it('passes when the webhooks match, in any order and at least', async () => {
    const result = await runScenario(
      defineScenario({
        name: 'fan-out',
        steps: [
          { send: { ...email('ann@x.test'), cc: ['bob+bounce@x.test'] } },
          { advance: '2s' },
          {
            expectWebhooks: {
              order: 'anyOrder',
              count: 'atLeast',
              webhooks: [
                { status: 'Bounce', destination: 'bob+bounce@x.test' },
                { status: 'Delivered', messageId: '${messageId}' },
              ],
            },
          },
        ],
      }),
    )
    expect(result.status, result.report).toBe('passed')
  })

  it('fails with the same diff the CLI prints, naming the closest webhook and each differing field', async () => {
    const result = await runScenario(
      defineScenario({
        name: 'wrong subtype',
        steps: [
          { send: email('ann+bounce-mailboxfull@x.test') },
          { advance: '2s' },
          {
            expectWebhooks: {
              order: 'anyOrder',
              count: 'atLeast',
              webhooks: [{ status: 'Bounce', description: 'Permanent_General' }],
            },
          },
        ],
      }),
    )
    expect(result.status).toBe('failed')
    expect(() => assertScenarioPassed(result)).toThrow(result.report)
    expect(result.steps[2]!.problems.join('\n')).toContain('closest 7520 Bounce  ann+bounce-mailboxfull@x.test')
    expect(result.steps[2]!.problems.join('\n')).toContain(
      'description: expected "Permanent_General", got "Transient_MailboxFull"',
    )
  })

  it('makes a skipped scenario fail assertScenarioPassed, saying why, unless skips are allowed', async () => {
    const needsTarget = await runScenario(
      defineScenario({ name: 'needs a target', requires: { target: true }, steps: [{ send: email('ann@x.test') }] }),
    )
    expect(needsTarget.status).toBe('skipped')
    expect(() => assertScenarioPassed(needsTarget)).toThrow(
      /^Scenario "needs a target" was skipped \(needs a running emulator \(--target http:\/\/host:port\)\), so nothing was checked; pass \{ allowSkipped: true \}/,
    )
    expect(() => assertScenarioPassed(needsTarget, { allowSkipped: true })).not.toThrow()
    const passed = await runScenario(defineScenario({ name: 'runs', steps: [{ send: email('ann@x.test') }] }))
    expect(passed.status, passed.report).toBe('passed')
    expect(() => assertScenarioPassed(passed)).not.toThrow()
  })

  it("injects another channel's event of a shared name by its channel's name (rcs.mo), the bare name staying the first channel's", async () => {
    const result = await runScenario(
      defineScenario({
        name: 'rcs inbound',
        receivers: [{ name: 'inbound', events: ['inbound'] }],
        steps: [
          { inject: { 'rcs.mo': { from: '+447700900123', to: 'a_1570171', text: 'Yes' } } },
          { inject: { 'rcs.unsubscribe': { from: '+447700900123', to: 'a_1570171' } } },
          { inject: { mo: { from: '+447700900123', to: '56263', text: 'Hi' } } },
          {
            expectWebhooks: [
              { receiver: 'inbound', payload: { channel: 'rcs', event: 'MO', message: 'Yes' } },
              { receiver: 'inbound', payload: { channel: 'rcs', event: 'UNSUBSCRIBE' } },
              { receiver: 'inbound', payload: { Channel: 'SMS', message: 'Hi' } },
            ],
          },
        ],
      }),
    )
    expect(result.status, result.report).toBe('passed')
  })

  it('reports an undefined variable as a failed step, saying how to define it', async () => {
    const result = await runScenario(defineScenario({ name: 'x', steps: [{ expectSuppressed: '${nobody}' }] }))
    expect(result.steps[0]).toMatchObject({
      status: 'failed',
      problems: [expect.stringContaining('${nobody} is not defined')],
    })
  })

  it('checks the vendor answer of a send, and captures from it', async () => {
    const result = await runScenario(
      defineScenario({
        name: 'bad request',
        steps: [
          {
            send: { channel: 'email', from: 'news@brand.test', to: [] },
            expect: { status: 400, body: { code: '7004' } },
            capture: { error: 'body.message' },
          },
          { http: { url: '/_emulator/messages' }, expect: { body: { total: 0 } } },
        ],
      }),
    )
    expect(result.status, result.report).toBe('passed')
  })
})

describe('matching', () => {
  it('matches objects partially and arrays exactly, with $-operators', () => {
    expect(match({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toEqual([])
    expect(match([1, 2], [1, 2, 3])[0]!.note).toBe('expected 2 items, got 3')
    expect(match({ $regex: '^Perm' }, 'Permanent_General')).toEqual([])
    expect(match({ $oneOf: ['a', 'b'] }, 'c')).toHaveLength(1)
    expect(match({ x: { $exists: false } }, { x: 1 })[0]!.path).toBe('x')
    expect(match({ $gte: 2 }, 3)).toEqual([])
  })

  it("reads a value's own keys only: a name on Object.prototype is absent unless the value has it", () => {
    // As JSON (and YAML) give them: "__proto__" is a key of its own, not the prototype.
    const absent = JSON.parse(
      '{"__proto__":{"$exists":false},"constructor":{"$exists":false},"toString":{"$exists":false}}',
    )
    expect(match(absent, {})).toEqual([])
    expect(match(JSON.parse('{"__proto__":{}}'), {})[0]!.note).toBe('missing')
    expect(match(JSON.parse('{"__proto__":"Ann"}'), JSON.parse('{"__proto__":"Ann"}'))).toEqual([])
    const view = { id: 'd1', fields: { status: 'Delivered', payload: {} } as unknown as WebhookView['fields'] }
    expect(matchWebhook({ constructor: { $exists: false }, status: 'Delivered' }, view)).toEqual([])
  })

  it('explains a number that should have been a string, as codes are', () => {
    expect(match(7500, '7500')[0]!.note).toContain('quote it in YAML')
  })
})

describe('docs/scenarios.md', () => {
  it('annotated scenario example passes as written', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../docs/scenarios.md'), 'utf8')
    const start = readme.indexOf(annotatedScenarioStart)
    expect(start).toBeGreaterThan(0)
    const result = await runScenario(
      parseScenarioText(readme.slice(start, readme.indexOf('```', start)), 'docs/scenarios.md'),
    )
    expect(result.status, result.report).toBe('passed')
  })
})
