import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'

describe('startAt', () => {
  it('refuses a time the emulator cannot show at load, with its line (it was refused later, in epoch ms, without one)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wce-start-at-')), 'late.yaml')
    writeFileSync(file, ['name: late', 'startAt: "9999-12-31T00:00:00Z"', 'steps:', '  - advance: 1s', ''].join('\n'))
    const result = await runScenario(file)
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain(
      'startAt (line 2): expected a date-time between 0001-01-02T00:00:00.000Z and 9999-12-30T00:00:00.000Z',
    )
  })
})
