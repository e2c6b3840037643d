import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const bin = join(root, 'bin/webex-connect-emulator.js')

function run(args: string[], cwd = root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, 'run', ...args], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // 'close', not 'exit': by then all of the output has been read.
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const libraryFiles = readdirSync(join(root, 'scenarios'), { recursive: true, encoding: 'utf8' }).filter((name) =>
  name.endsWith('.yaml'),
)

describe('webex-connect-emulator run', () => {
  it('passes every shipped scenario, a line per step, and exits 0', async () => {
    const { code, stdout } = await run(['scenarios/'])
    expect(code, stdout).toBe(0)
    expect(stdout).toContain('✓  1 send to ann@customer.test → 201')
    expect(stdout).toMatch(
      new RegExp(`${libraryFiles.length} scenarios: ${libraryFiles.length - 1} passed, 0 failed, 1 skipped`),
    )
    expect(stdout).toContain('skipped: needs a running emulator (--target http://host:port)')
  })

  it('runs the shipped scenarios with --library from any directory, with files of your own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-library-'))
    const mine = readFileSync(join(root, 'scenarios/delivered.yaml'), 'utf8').replace(
      /^name: .*$/m,
      'name: My own flow',
    )
    writeFileSync(join(dir, 'mine.yaml'), mine)
    const { code, stdout } = await run(['--library', 'mine.yaml'], dir)
    expect(stdout).toContain('✓ My own flow')
    expect(code, stdout).toBe(0)
    expect(stdout).toMatch(new RegExp(`${libraryFiles.length + 1} scenarios: ${libraryFiles.length} passed, 0 failed`))
  })

  it('prints a readable diff for a broken expectation, writes JUnit XML with a testcase per scenario, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-run-'))
    const broken = readFileSync(join(root, 'scenarios/delivered.yaml'), 'utf8').replace('code: "7500"', 'code: "7520"')
    expect(broken).toContain('"7520"')
    writeFileSync(join(dir, 'broken.yaml'), broken)
    const junit = join(dir, 'report.xml')

    const { code, stdout } = await run([
      join(dir, 'broken.yaml'),
      'scenarios/invalid-address.yaml',
      '--reporter',
      'junit',
      '--output',
      junit,
    ])

    expect(code).toBe(1)
    expect(stdout).toContain('✗  5 expectWebhooks 1 in order: Delivered')
    expect(stdout).toContain('code: expected "7520", got "7500"')
    expect(stdout).toContain('got 7500 Delivered  ann@customer.test → receiver hooks (webhook, delivered, 1 attempt)')
    expect(stdout).toContain('·  6 expectMessage (not run)')
    expect(stdout).toContain('2 scenarios: 1 passed, 1 failed, 0 skipped')

    const xml = readFileSync(junit, 'utf8')
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="2" failures="1" errors="0" skipped="0"/,
    )
    expect(xml.match(/<testcase /g)).toHaveLength(2)
    expect(xml.match(/<failure /g)).toHaveLength(1)
    expect(xml).toContain(
      '<failure message="step 5 failed: expectWebhooks 1 in order: Delivered" type="ScenarioFailure">',
    )
    expect(xml).toContain('code: expected &quot;7520&quot;, got &quot;7500&quot;')
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true)
    // Balanced: every opened testcase is closed.
    expect(xml.match(/<\/testcase>/g)).toHaveLength(2)
  })

  it('explains bad usage and exits 2', async () => {
    const { code, stderr } = await run(['no/such/dir'])
    expect(code).toBe(2)
    expect(stderr).toContain('No such file or directory: no/such/dir')
  })
})
