/**
 * An emulator whose parent dies — npx killed with `kill %1`, a crashed test runner — must not run on
 * for hours holding its port: it notices and shuts down.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bin } from '../support/cli.js'
import { eventually } from '../support/eventually.js'
import { isRunning } from '../support/processes.js'

const emulators: number[] = []
afterEach(() => {
  for (const pid of emulators.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL')
})

describe('start, when the process that started it exits', () => {
  it('shuts down by itself, as on SIGTERM', async () => {
    const ready = join(mkdtempSync(join(tmpdir(), 'wce-parent-')), 'ready.json')
    // A middle process, as npx is: it starts the emulator and stays until it is killed.
    const middle = spawn(
      process.execPath,
      [
        '-e',
        `const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([bin, 'start', '--port', '0', '--ready-file', ready])}, { stdio: 'ignore' });
         process.stdout.write(String(child.pid) + '\\n');
         setInterval(() => {}, 1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    middle.stdout.on('data', (chunk) => (out += chunk))
    const pid = Number(
      (
        await eventually(
          () => out,
          (o) => o.endsWith('\n'),
          { what: 'the emulator pid' },
        )
      ).trim(),
    )
    emulators.push(pid)
    await eventually(() => existsSync(ready), Boolean, { timeoutMs: 15_000, what: 'the ready file' })
    expect(JSON.parse(readFileSync(ready, 'utf8')).pid).toBe(pid)

    middle.kill('SIGKILL')
    await eventually(
      () => isRunning(pid),
      (up) => !up,
      { timeoutMs: 10_000, what: 'the emulator to exit' },
    )
    expect(existsSync(ready)).toBe(false) // it shut down properly, removing its ready file
  })

  it("stops when the npm of the README's `npm start` is killed, as `kill %1` does", async () => {
    const root = join(import.meta.dirname, '../..')
    const ready = join(mkdtempSync(join(tmpdir(), 'wce-parent-')), 'ready.json')
    // Its own process group, so the test can end whatever is left of it.
    const npm = spawn('npm', ['start', '--', '--port', '0', '--ready-file', ready], {
      cwd: root,
      detached: true,
      stdio: 'ignore',
    })
    try {
      await eventually(() => existsSync(ready), Boolean, { timeoutMs: 30_000, what: 'the ready file' })
      const { pid } = JSON.parse(readFileSync(ready, 'utf8')) as { pid: number }
      emulators.push(pid)
      npm.kill('SIGTERM') // npm alone, not its group: what a shell's `kill %1` does to a background job
      await eventually(
        () => isRunning(pid),
        (up) => !up,
        { timeoutMs: 10_000, what: 'the emulator to exit' },
      )
      expect(existsSync(ready)).toBe(false)
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL')
      } catch {
        // the group is gone already
      }
    }
  }, 60_000)
})
