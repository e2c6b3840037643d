import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

function scenarioFile(step: string): string {
  return writeScenario(['name: vars', 'vars: { n: 5, b: true }', 'steps:', `  - ${step}`])
}

describe('a step whose ${variables} give it the wrong type', () => {
  it.each([
    ['expectSuppressed: ${n}', /^expectSuppressed: .*received number$/],
    ['advance: ${b}', /^advance: .*received boolean$/],
    ['http: { url: "${n}" }', /^http\.url: Invalid input: expected string, received number$/],
  ])('fails %s with the schema’s message for the field, checked again after substitution', async (step, message) => {
    const result = await runScenario(scenarioFile(step))
    expect(result.status).toBe('failed')
    expect(result.steps[0]).toMatchObject({ status: 'failed' })
    const [first, ...rest] = result.steps[0]!.problems.join('\n').split('\n')
    expect(first).toBe('with its variables substituted, this step is not valid:')
    expect(rest.map((line) => line.trim())).toEqual([expect.stringMatching(message)])
  })

  it('still runs a step whose variables give it the right type', async () => {
    const result = await runScenario(scenarioFile('advance: ${n}'))
    expect(result.status, result.report).toBe('passed')
  })
})
