/**
 * The state file is restored over the config: start-up must say so, with what it restored, what of
 * the config it overrode, and how to start from the config instead.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCli } from '../support/cli.js'

const put = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

async function runOnce(args: string[], change?: (url: string) => Promise<void>): Promise<string> {
  const cli = await startCli(args)
  try {
    await change?.(cli.url)
  } finally {
    cli.child.kill('SIGTERM')
    await cli.exited
  }
  return cli.output().stdout
}

describe('start with a state file and an edited config', () => {
  it('says what the state file restored over the config, and how to begin from the config instead', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wce-precedence-'))
    const config = join(dir, 'emulator.json')
    const state = join(dir, 'state.json')
    writeFileSync(config, JSON.stringify({ rules: [{ domain: 'b.test', outcome: 'bounce' }] }))

    const first = await runOnce(['--config', config, '--state-file', state], async (url) => {
      expect((await put(url, '/_emulator/sandbox', { enabled: true, verified: ['me@x.test'] })).status).toBe(200)
    })
    expect(first).toContain(`state file ${state}: none yet, starting from the config`)

    // The developer edits the config: a different rule. The state file's rules and sandbox win.
    writeFileSync(config, JSON.stringify({ rules: [{ domain: 'c.test', outcome: 'complaint' }] }))
    const second = await runOnce(['--config', config, '--state-file', state])
    expect(second).toContain(
      `state file ${state} restored 1 rule (replacing the config's 1), sandbox on (the config says off), 1 verified address, 0 suppressed addresses, 0 unsubscribes, 0 messages — they take precedence over the config; start with --fresh-state to begin from the config`,
    )

    const fresh = await runOnce(['--config', config, '--state-file', state, '--fresh-state'])
    expect(fresh).toContain(`state file ${state}: --fresh-state, starting from the config`)
  }, 60_000) // three starts of the CLI

  it('says it as a JSON record with --log-format json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wce-precedence-'))
    const state = join(dir, 'state.json')
    await runOnce(['--state-file', state], async (url) => {
      expect((await put(url, '/_emulator/sandbox', { enabled: true })).status).toBe(200)
    })
    const out = await runOnce(['--state-file', state, '--log-format', 'json'])
    const record = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((r) => r.event === 'state-file')
    expect(record).toMatchObject({
      level: 'info',
      path: state,
      restored: { sandbox: true, rules: 0 },
      overrides: ['sandbox'],
    })
    expect(record.message).toContain('take precedence over the config')
  })
})

describe('start when the state file cannot be written at shutdown', () => {
  it('says the last changes are lost and exits 1 (it exited 0, saying nothing at exit)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wce-lost-'))
    const state = join(dir, 'gone', 'state.json')
    mkdirSync(join(dir, 'gone'))
    const cli = await startCli(['--state-file', state])
    try {
      rmSync(join(dir, 'gone'), { recursive: true })
      expect((await put(cli.url, '/_emulator/sandbox', { enabled: true })).status).toBe(200)
    } finally {
      cli.child.kill('SIGTERM')
    }
    expect(await cli.exited).toBe(1)
    expect(cli.output().stderr).toContain(`the state file ${state} was not written at shutdown (ENOENT`)
    expect(cli.output().stderr).toContain('the changes since its last write are lost')
  }, 30_000)
})
