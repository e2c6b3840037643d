import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'

const root = join(import.meta.dirname, '../..')
const files = readdirSync(join(root, 'scenarios'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => relative(root, join(root, 'scenarios', name)))

describe('the scenario library, in-process on virtual time', () => {
  it('has a scenario for each behaviour in the vendor documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(15)
  })

  it.each(files)('%s passes', async (file) => {
    const result = await runScenario(join(root, file))
    expect(result.status, result.report).toBe('passed')
    expect(result.steps.length).toBeGreaterThan(0)
  })
})
