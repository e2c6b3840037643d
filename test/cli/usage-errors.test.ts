import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseFlags } from '../../src/cli/parse-flags.js'
import { type CliProcess, runCli as spawnCli } from '../support/cli.js'
import { type HeldPort, holdBusyPort } from '../support/held-ports.js'

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'))
const noStack = /\n\s+at /

// Every case here should exit at once; one that does not (a regression) must not outlive the test.
const started: CliProcess[] = []
const runCli = (args: string[]) => {
  const cli = spawnCli(args)
  started.push(cli)
  return cli
}
afterEach(() => {
  for (const cli of started.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL')
})

describe('usage errors', () => {
  it('names an unknown flag, suggests the closest one and points at --help, in one line', async () => {
    const cli = runCli(['start', '--prot', '5000'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toBe(
      'webex-connect-emulator: unknown flag --prot: did you mean --port? (see "webex-connect-emulator start --help")\n',
    )
  })

  it('suggests flags of the command being run', async () => {
    const cli = runCli(['run', '--targte', 'http://127.0.0.1:1', 'scenarios/'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain('unknown flag --targte: did you mean --target?')
  })

  it('names a flag given without its value', async () => {
    const cli = runCli(['start', '--port'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain('--port needs a value')
  })

  it('still says a value is missing when another flag follows', () => {
    expect(() =>
      parseFlags('start', ['--port', '--quiet'], { port: { type: 'string' }, quiet: { type: 'boolean' } }),
    ).toThrow(/--port needs a value/)
  })

  it('refuses an empty value (an unset variable in a script), which read as "not given" and could turn the state file off', async () => {
    const cli = runCli(['start', '--port', '0', '--state-file', ''])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain('--state-file needs a value and got an empty one (an unset variable?)')
    for (const flag of ['--config', '--control-token', '--host'])
      expect(() =>
        parseFlags('start', [flag, ' '], {
          config: { type: 'string' },
          'control-token': { type: 'string' },
          host: { type: 'string' },
        }),
      ).toThrow(`${flag} needs a value and got an empty one`)
    expect(() => parseFlags('start', ['--state-file='], { 'state-file': { type: 'string' } })).toThrow(
      '--state-file needs a value',
    )
  })

  it('refuses a flag given twice rather than take the last one; a flag that takes several is fine', () => {
    const options = { config: { type: 'string' }, 'webhook-url': { type: 'string', multiple: true } } as const
    expect(() => parseFlags('start', ['--config', 'a.json', '--config=b.json'], options)).toThrow(
      '--config is given twice: give it once',
    )
    expect(
      parseFlags('start', ['--webhook-url', 'http://a.test', '--webhook-url', 'http://b.test'], options).values,
    ).toEqual({
      'webhook-url': ['http://a.test', 'http://b.test'],
    })
  })

  it('names the config file a refused key is in (it named only the key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-badcfg-'))
    const config = join(dir, 'emulator.json')
    writeFileSync(config, JSON.stringify({ webhooks: { retrys: 3 } }))
    const cli = runCli(['start', '--port', '0', '--config', config])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`${config}: Invalid config: unknown key "webhooks.retrys"`)
  })

  it('refuses a port written other than in digits (0x10 and 1e3 were read as 16 and 1000)', async () => {
    for (const port of ['0x10', '1e3']) {
      const cli = runCli(['start', '--port', port])
      expect(await cli.exited).toBe(2)
      expect(cli.output().stderr).toContain(`--port expects a whole number, got "${port}"`)
    }
  })

  it('says how to give a value that starts with a dash', async () => {
    const cli = runCli(['start', '--control-token', '-abc123'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(
      '--control-token got a value that starts with "-": write it as --control-token=<value> (e.g. --control-token=-5)',
    )
  })

  it('names an unknown command in one line instead of printing the whole help', async () => {
    const cli = runCli(['strat'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toBe(
      'webex-connect-emulator: unknown command "strat": did you mean start? (see "webex-connect-emulator --help")\n',
    )
  })

  it('refuses --webhook-format without --webhook-url, naming both flags', async () => {
    const cli = runCli(['start', '--port', '0', '--webhook-format', 'datastream'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(
      '--webhook-format sets the format of --webhook-url targets, and there is none: add --webhook-url <url>',
    )
  })

  it('names --webhook-format, not a config path, when its value is wrong', async () => {
    const cli = runCli(['start', '--port', '0', '--webhook-url', 'http://127.0.0.1:9/h', '--webhook-format', 'xml'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain('--webhook-format expects "webhook" or "datastream", got "xml"')
    expect(cli.output().stderr).not.toContain('webhooks.targets')
  })

  it('prints the package version for version and --version', async () => {
    for (const args of [['version'], ['--version']]) {
      const cli = runCli(args)
      expect(await cli.exited).toBe(0)
      expect(cli.output().stdout).toBe(`${version}\n`)
    }
  })
})

describe('ports that cannot be listened on', () => {
  let busy: HeldPort
  beforeAll(async () => {
    busy = await holdBusyPort()
  })
  afterAll(async () => {
    await busy.release()
  })

  it('says a busy port is in use and how to get a free one, and exits 2 without a stack', async () => {
    const cli = runCli(['start', '--port', String(busy.port)])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`port ${busy.port} is in use (another emulator? try --port 0)`)
    expect(cli.output().stderr).not.toMatch(noStack)
  })

  it('gives back the state file it opened when the port is busy: no lock is left for the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    const cli = runCli(['start', '--port', String(busy.port), '--state-file', file])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`port ${busy.port} is in use`)
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('says a port is out of range, and exits 2 without a stack', async () => {
    const cli = runCli(['start', '--port', '70000'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain('port 70000 is out of range (0–65535')
    expect(cli.output().stderr).not.toMatch(noStack)
  })
})

describe('files that cannot be written', () => {
  const missing = join(tmpdir(), `wce-no-such-dir-${process.pid}`)

  it('refuses a --ready-file in a missing directory before listening, in one line', async () => {
    const cli = runCli(['start', '--port', '0', '--ready-file', join(missing, 'ready.json')])
    expect(await cli.exited).toBe(2)
    const { stdout, stderr } = cli.output()
    expect(stdout).not.toContain('listening on')
    expect(stderr).toContain(
      `Cannot write the ready file ${join(missing, 'ready.json')}: the directory ${missing} does not exist`,
    )
    expect(stderr).not.toMatch(noStack)
  })

  it('refuses a junit --output in a missing directory before running the scenarios, not as a failed run', async () => {
    const output = join(missing, 'report.xml')
    const cli = runCli(['run', '--library', '--reporter', 'junit', '--output', output])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(
      `Cannot write the junit report ${output}: the directory ${missing} does not exist`,
    )
    expect(cli.output().stdout).toBe('')
    expect(cli.output().stderr).not.toMatch(noStack)
  })

  it('refuses a directory as the ready file or the junit output before starting or running anything (the probe beside it passed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-isdir-'))
    const ready = runCli(['start', '--port', '0', '--ready-file', dir])
    expect(await ready.exited).toBe(2)
    expect(ready.output().stdout).not.toContain('listening on')
    expect(ready.output().stderr).toContain(`Cannot write the ready file ${dir}: it is a directory`)
    const report = runCli(['run', '--library', '--reporter', 'junit', '--output', dir])
    expect(await report.exited).toBe(2)
    expect(report.output().stdout).toBe('')
    expect(report.output().stderr).toContain(`Cannot write the junit report ${dir}: it is a directory`)
  })

  it('refuses init into a missing directory in one line', async () => {
    const cli = runCli(['init', join(missing, 'emulator.jsonc')])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`the directory ${missing} does not exist`)
    expect(cli.output().stderr).not.toMatch(noStack)
  })
})
