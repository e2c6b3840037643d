// docs/scenarios.md's "In CI: JUnit" command, verbatim (test/docs/snippets.test.ts checks they match),
// run with the real CLI from the repository root; the report goes to a temporary directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { runCli } from '../../support/cli.js'

const command = String.raw`
npx webex-connect-emulator run scenarios/ --reporter junit --output scenarios.xml
`

const root = join(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'wce-junit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('writes a JUnit report with a passing testcase per library scenario', { timeout: 120_000 }, async () => {
  const args = command.trim().replace('npx webex-connect-emulator ', '').split(' ')
  const cli = runCli(
    args.map((arg) => (arg === 'scenarios.xml' ? join(dir, arg) : arg)),
    { cwd: root },
  )
  expect(await cli.exited, cli.output().stderr).toBe(0)
  const xml = readFileSync(join(dir, 'scenarios.xml'), 'utf8')
  const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'))
  expect(xml).toMatch(/^<\?xml/)
  expect(xml.match(/<testcase /g)?.length).toBeGreaterThanOrEqual(files.length)
  expect(xml).not.toMatch(/<failure/)
})
