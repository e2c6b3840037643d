import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

describe('startAt', () => {
  it('refuses a time the emulator cannot show at load, with its line (it was refused later, in epoch ms, without one)', async () => {
    const result = await runScenario(
      writeScenario(['name: late', 'startAt: "9999-12-31T00:00:00Z"', 'steps:', '  - advance: 1s']),
    )
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain(
      'startAt (line 2): expected a date-time between 0001-01-02T00:00:00.000Z and 9999-12-30T00:00:00.000Z',
    )
  })
})
