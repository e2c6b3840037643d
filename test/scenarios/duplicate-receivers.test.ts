import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

/** Runs a scenario that should be refused at load, and returns why. */
async function refusal(lines: string[]): Promise<string | undefined> {
  const result = await runScenario(writeScenario(lines))
  expect(result.status).toBe('failed')
  expect(result.steps).toEqual([])
  return result.reason
}

describe('receivers', () => {
  it('refuses two receivers of one name, naming it and the line of the second', async () => {
    const reason = await refusal([
      'name: twice',
      'receivers:',
      '  - { name: hooks }',
      '  - { name: other }',
      '  - { name: hooks, fail: { times: 1 } }',
      'steps:',
      '  - advance: 1s',
    ])
    expect(reason).toContain(
      'receivers[2].name (line 5): receiver "hooks" is named twice (receivers[0] too); give each receiver its own name',
    )
  })

  it('refuses a misspelt channel at load, naming the receiver and its line (it named webhooks.targets[0].channels[0])', async () => {
    const reason = await refusal([
      'name: channel',
      'receivers:',
      '  - { name: hooks, channels: [emial] }',
      'steps:',
      '  - advance: 1s',
    ])
    expect(reason).toContain('receivers[0].channels[0] (line 3): Invalid option: expected one of "email"')
  })
})
