/**
 * Installing from a git URL, as the README offers while the package is not on npm: npm clones the
 * repository, installs its dev dependencies, runs `prepare` (the build) and installs what it packs.
 * The repository here is a local bare clone of this one's HEAD, so the test needs no network beyond
 * the package registry.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repo = join(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'wce-git-'))
const sh = (command: string, cwd: string, timeout = 600_000) =>
  run('bash', ['-c', command], {
    cwd,
    timeout,
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  })

afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000)

describe('npm install from a git URL', () => {
  it('builds the package on install (prepare) and runs its CLI and its imports', async () => {
    await sh(`git clone --quiet --bare ${repo} ${join(work, 'emulator.git')}`, work)
    const project = join(work, 'project')
    mkdirSync(project)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
    )
    await sh(`npm install --prefer-offline --save-dev git+file://${join(work, 'emulator.git')}`, project)

    const { stdout: version } = await sh('npx webex-connect-emulator version', project)
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const { stdout: imported } = await sh(
      `node --input-type=module -e "const m = await import('webex-connect-emulator'); console.log(typeof m.createEmulator)"`,
      project,
    )
    expect(imported.trim()).toBe('function')
  }, 900_000)
})
