// docs/scenarios.md's command-line blocks, verbatim (test/docs/snippets.test.ts checks the page's
// blocks are in this file), run with the real CLI: `npx webex-connect-emulator` is this repository's
// bin (a bash function stands in for npx), the first block from a project directory that has the
// shipped scenarios and a file of its own, the second against a running emulator on a free port
// instead of 4600.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { bin, type CliProcess, startCli } from '../../support/cli.js'

const runCommands = String.raw`
npx webex-connect-emulator run scenarios/                      # every file in a directory
npx webex-connect-emulator run 'scenarios/bounce-*.yaml' my-flow.yaml  # globs and files (your own files too)
npx webex-connect-emulator run --library                      # the shipped ones, from an installed project
`

const againstTarget = String.raw`
npx webex-connect-emulator start &
npx webex-connect-emulator run scenarios/ --target http://127.0.0.1:4600   # --control-token t if it has one
`

const root = join(import.meta.dirname, '../../..')
const project = mkdtempSync(join(tmpdir(), 'wce-scenarios-'))
symlinkSync(join(root, 'scenarios'), join(project, 'scenarios'))
writeFileSync(
  join(project, 'my-flow.yaml'),
  [
    'name: my flow',
    'steps:',
    '  - send:',
    '      channel: email',
    '      from: me@shop.test',
    '      to: [{ email: [ann@customer.test] }]',
    '      content: { type: text, subject: Hi, text: Hi }',
    '  - advance: 2s',
    '  - expectWebhooks: [{ status: Submitted }, { status: Delivered }]',
  ].join('\n'),
)
/** Runs a block with bash as written, `npx webex-connect-emulator` being this repository's CLI. */
const bash = (script: string) =>
  promisify(execFile)(
    'bash',
    ['-ec', `npx() { [ "$1" = webex-connect-emulator ] && shift; node "${bin}" "$@"; }\n${script}`],
    { cwd: project, maxBuffer: 16 * 1024 * 1024 },
  )

let emulator: (CliProcess & { url: string }) | undefined
afterAll(async () => {
  rmSync(project, { recursive: true, force: true })
  if (emulator && emulator.child.exitCode === null) {
    emulator.child.kill()
    await emulator.exited
  }
})

describe("docs/scenarios.md's commands", () => {
  it('run a directory, a glob with your own file, and the shipped library', { timeout: 180_000 }, async () => {
    const { stdout } = await bash(runCommands.trim())
    expect(stdout).toContain('A bounced address is refused with 7240 for 7 days')
    expect(stdout).toContain('my flow')
    expect(stdout).not.toMatch(/✗/)
  })

  it('run every shipped scenario against a running emulator: passed, or skipped saying why', {
    timeout: 180_000,
  }, async () => {
    // `start &`, as written but on a free port: startCli adds only `--port 0`.
    const [startLine, runLine] = againstTarget.trim().split('\n') as [string, string]
    expect(startLine).toBe('npx webex-connect-emulator start &')
    emulator = await startCli([], { cwd: project })
    const { stdout } = await bash(runLine.replace('http://127.0.0.1:4600', emulator.url))
    expect(stdout).toContain('A bounced address is refused with 7240 for 7 days')
    expect(stdout).toMatch(/in-process only/)
    expect(stdout).not.toMatch(/✗/)
  })
})
