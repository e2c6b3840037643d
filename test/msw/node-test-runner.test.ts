import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Runs one file under `node --test` and expects its one test to pass. */
function expectPassesUnderNodeTest(name: string) {
  const file = join(import.meta.dirname, 'node-test', name)
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(result.stdout, result.stderr).toMatch(/# pass 1/)
  expect(result.stdout).toMatch(/# fail 0/)
  expect(result.status).toBe(0)
}

describe('MSW mode under node:test', () => {
  it("runs and passes with node's own test runner, without vitest", () => {
    expectPassesUnderNodeTest('example.node.ts')
  })

  it('waits out a webhook attempt that never answers: nothing else keeps the process alive', () => {
    expectPassesUnderNodeTest('unanswered-webhook.node.ts')
  })
})
