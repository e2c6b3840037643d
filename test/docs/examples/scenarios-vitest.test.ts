// docs/scenarios.md's "From vitest" example, verbatim (test/docs/snippets.test.ts checks they match).
import { expect, it } from 'vitest'
import { assertScenarioPassed, defineScenario, runScenario } from 'webex-connect-emulator/scenarios'

it('the bounce scenario passes', async () => {
  const result = await runScenario('scenarios/already-bounced-and-expiry.yaml') // or { target, vars }
  expect(result.status, result.report).toBe('passed') // on failure, the message is the same diff
})

it('a scenario written in TypeScript', async () => {
  const scenario = defineScenario({
    name: 'bounce',
    defaults: { send: { channel: 'email', from: 'me@x.test', content: { type: 'text', subject: 'Hi', text: 'Hi' } } },
    steps: [
      { send: { to: [{ email: ['ann+bounce@x.test'] }] } },
      { advance: '2s' },
      { expectWebhooks: [{ status: 'Submitted' }, { status: 'Bounce' }] },
    ],
  })
  assertScenarioPassed(await runScenario(scenario)) // throws with the report
})
