// docs/ci.md's GitHub Actions job, verbatim (test/docs/snippets.test.ts checks they match): it is
// valid YAML, and the commands that start the emulator and wait for it are the lines of the page's
// CI script, which test/package/packed-package.test.ts runs against the packed package.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { parse } from 'yaml'
import { ciExamplePattern } from '../../support/doc-blocks.js'

const workflow = String.raw`
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      - run: |
          npx webex-connect-emulator start --port 4600 --log-format json --ready-file emulator-ready.json > emulator.log 2>&1 &
          npx webex-connect-emulator wait --url http://127.0.0.1:4600 --timeout 30s
      - run: npm test
        env:
          WEBEX_CONNECT_BASE_URL: http://127.0.0.1:4600
      - if: always()
        run: cat emulator.log
`

it('starts and awaits the emulator exactly as the tested CI script does', () => {
  const job = parse(workflow).jobs.test
  const script = readFileSync(join(import.meta.dirname, '../../../docs/ci.md'), 'utf8').match(ciExamplePattern)![1]!
  const scriptLines = script.split('\n').map((line) => line.trim())
  const runLines = job.steps
    .flatMap((step: { run?: string }) => (step.run ? step.run.trim().split('\n') : []))
    .filter((line: string) => line.startsWith('npx webex-connect-emulator'))
  expect(runLines).toHaveLength(2)
  for (const line of runLines) expect(scriptLines).toContain(line.trim())
  expect(job.steps.at(-1)).toEqual({ if: 'always()', run: 'cat emulator.log' })
})
