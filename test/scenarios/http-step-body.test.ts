import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

describe('an http step', () => {
  it('refuses body and text together when the file loads (text was sent, body dropped without a word)', async () => {
    const result = await runScenario(
      writeScenario([
        'name: both',
        'steps:',
        '  - http: { method: post, url: /_emulator/health, body: { a: 1 }, text: "a=1" }',
      ]),
    )
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain('give body (sent as JSON) or text (sent as is), not both')
  })
})
