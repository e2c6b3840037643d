import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('MSW mode under node:test', () => {
  it("runs and passes with node's own test runner, without vitest", () => {
    const file = join(import.meta.dirname, 'node-test/example.node.ts')
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.stdout, result.stderr).toMatch(/# pass 1/)
    expect(result.stdout).toMatch(/# fail 0/)
    expect(result.status).toBe(0)
  })
})
