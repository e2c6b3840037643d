import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

function scenarioFile(...steps: string[]): string {
  const send =
    '  - send: { channel: email, from: a@brand.test, to: [{ email: [ann+bounce@x.test] }], content: { type: text, subject: Hi, text: Hi } }'
  return writeScenario(['name: typo', 'steps:', send, ...steps.map((step) => `  - ${step}`)])
}

describe('a $-operator the matcher does not know', () => {
  it('refuses the file on load, naming the operator, its line and the valid ones, so expectNoWebhooks cannot pass on it', async () => {
    const result = await runScenario(scenarioFile('expectNoWebhooks: { for: 2s, where: { status: { $eq: Bounce } } }'))
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain('steps[1].expectNoWebhooks.where.status.$eq (line 4): unknown operator $eq')
    expect(result.reason).toContain('the operators are $regex, $contains, $startsWith,')
  })

  it('is found inside $not and $oneOf, on payload paths and in expectMessage', async () => {
    const result = await runScenario(
      scenarioFile(
        'expectWebhooks: [{ status: { $not: { $startWith: Sub } } }]',
        'expectWebhooks: { webhooks: [], where: { deliveryInfoNotification.deliveryInfo.code: { $oneOf: [{ $exist: true }] } } }',
        'expectMessage: { recipients: { $contain: x } }',
      ),
    )
    expect(result.reason).toContain(
      'steps[1].expectWebhooks[0].status.$not.$startWith (line 4): unknown operator $startWith',
    )
    expect(result.reason).toContain(
      'steps[2].expectWebhooks.where.deliveryInfoNotification.deliveryInfo.code.$oneOf[0].$exist (line 5): unknown operator $exist',
    )
    expect(result.reason).toContain('steps[3].expectMessage.recipients.$contain (line 6): unknown operator $contain')
  })

  it('leaves the known operators alone', async () => {
    const result = await runScenario(
      scenarioFile(
        'advance: 2s',
        'expectWebhooks: { webhooks: [{ status: { $not: { $startsWith: Sub } } }], where: { status: { $oneOf: [Bounce, { $regex: "^Del" }] } } }',
      ),
    )
    expect(result.status, result.report).toBe('passed')
  })
})

describe('a misspelt field in where', () => {
  it('fails expectNoWebhooks, naming the field and the one it is close to, instead of matching nothing and passing', async () => {
    const result = await runScenario(
      scenarioFile(
        'expectNoWebhooks: { for: 2s, where: { stauts: Bounce, deliveryInfoNotification.deliveryInfo.deliverystatus: Bounce } }',
      ),
    )
    expect(result.status).toBe('failed')
    expect(result.steps[1]!.problems).toEqual([
      'where: none of the 2 webhooks posted has "stauts" (did you mean "status"?) — a misspelt field matches nothing',
      'where: none of the 2 webhooks posted has "deliveryInfoNotification.deliveryInfo.deliverystatus" (did you mean "deliveryStatus"?) — a misspelt field matches nothing',
    ])
  })

  it('fails expectWebhooks alike, even when every webhook has been looked at', async () => {
    const result = await runScenario(
      scenarioFile(
        'advance: 2s',
        'expectWebhooks: { webhooks: [{ status: Submitted }, { status: Bounce }] }',
        'expectWebhooks: { webhooks: [], where: { destinaton: ann+bounce@x.test } }',
      ),
    )
    expect(result.steps[3]!.problems).toEqual([
      'where: none of the 2 webhooks posted has "destinaton" (did you mean "destination"?) — a misspelt field matches nothing',
    ])
  })

  it('leaves alone a payload path far from every known name, and a check made before anything was posted', async () => {
    const nothingPosted = await runScenario(
      writeScenario(['name: nothing yet', 'steps:', '  - expectNoWebhooks: { where: { stauts: Bounce } }']),
    )
    expect(nothingPosted.status, nothingPosted.report).toBe('passed')
    const result = await runScenario(
      scenarioFile(
        'expectNoWebhooks: { for: 2s, where: { x-wx-gtrid: abc, deliveryInfoNotification.deliveryInfo.messageCount: 2 } }',
        'expectWebhooks: { webhooks: [{ status: Bounce }], where: { status: Bounce }, since: start }',
      ),
    )
    expect(result.status, result.report).toBe('passed')
  })
})
