import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfigFile } from '../../src/cli/load-config-file.js'
import { parseJsonc } from '../../src/cli/parse-jsonc.js'
import { configSchema } from '../../src/core/schemas/config.js'
import { runCli, startCli, waitForOutput } from '../support/cli.js'
import { holdRefusedPort } from '../support/held-ports.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'wce-cli-'))
const sendBounce = (url: string) =>
  fetch(`${url}/v2/messages`, {
    method: 'POST',
    headers: { key: 'dev', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'email',
      from: 'a@b.test',
      to: [{ email: ['ann+bounce@example.com'] }],
      content: { type: 'text', subject: 's', text: 't' },
    }),
  })

describe('init', () => {
  it('writes a commented config that the schema accepts and start picks up from the working directory', async () => {
    const dir = tempDir()
    const init = runCli(['init'], { cwd: dir })
    expect(await init.exited).toBe(0)
    const file = join(dir, 'webex-connect-emulator.jsonc')
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^\s*\/\/ /m)
    const parsed = configSchema.parse(parseJsonc(text))
    expect(parsed.$schema).toBe('./node_modules/webex-connect-emulator/webex-connect-emulator.schema.json')
    // A fixed seed would reissue the same message ids on every restart: it stays commented out.
    expect(parsed.seed).toBeUndefined()
    expect(text).toMatch(/^\s*\/\/ "seed": \d+,$/m)

    const again = runCli(['init'], { cwd: dir })
    expect(await again.exited).toBe(2)
    expect(again.output().stderr).toContain('already exists; pass --force')

    const server = await startCli([], { cwd: dir })
    try {
      expect(server.output().stdout).toContain(`config ${file}`)
      const rules = await (await fetch(`${server.url}/_emulator/rules`)).json()
      expect(rules.rules).toContainEqual({ domain: 'bounces.example.com', outcome: 'bounce' })
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  })

  it('reads YAML config files too', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'emulator.yaml'),
      'timeZone: Asia/Kolkata\nsandbox:\n  enabled: true\n  verified: [me@example.com]\n',
    )
    const server = await startCli(['--config', join(dir, 'emulator.yaml')])
    try {
      expect(await (await fetch(`${server.url}/_emulator/sandbox`)).json()).toMatchObject({
        enabled: true,
        verified: ['me@example.com'],
      })
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  })
})

describe('JSON with comments', () => {
  it('drops comments and trailing commas but not look-alikes inside strings', () => {
    const text =
      '{\n  // a comment\n  "url": "http://x.test/a//b", /* block\n comment */ "glob": "/*x*/",\n  "list": [1, 2,],\n}'
    expect(parseJsonc(text)).toEqual({ url: 'http://x.test/a//b', glob: '/*x*/', list: [1, 2] })
  })

  it('says what was expected at which line and column, past comments', () => {
    const text = '{\n/* one\ntwo */\n  "a": nope\n}'
    expect(() => parseJsonc(text)).toThrow(
      /^not JSON here \(strings need "double quotes"\) at line 4, column 8:\n\n {2}"a": nope\n {7}\^/,
    )
  })

  it('reads a config file saved with a byte-order mark (Notepad, PowerShell 5), JSON and YAML alike', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'a.jsonc'), '\ufeff{ "seed": 1 // one\n}')
    writeFileSync(join(dir, 'a.yaml'), '\ufeffseed: 2\n')
    expect(await loadConfigFile(join(dir, 'a.jsonc'))).toEqual({ seed: 1 })
    expect(await loadConfigFile(join(dir, 'a.yaml'))).toEqual({ seed: 2 })
  })

  it('points at a broken config file by line and column, and exits 2', async () => {
    const file = join(tempDir(), 'webex-connect-emulator.json')
    writeFileSync(file, '{\n  // fast\n  "speed": 10,\n  "seed" 4\n}\n')
    const cli = runCli(['start', '--port', '0', '--config', file])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(
      `Config file ${file} is not valid JSON: expected ":" after the property name at line 4, column 10:`,
    )
  })

  it('says a config nested past what can be read is nested too deeply, not that it is invalid JSON or YAML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-deep-'))
    for (const [name, text] of [
      ['deep.json', `{"webhooks":${'{"a":'.repeat(100_000)}{}${'}'.repeat(100_001)}`],
      ['deep.yaml', `webhooks: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ] as const) {
      const file = join(dir, name)
      writeFileSync(file, text)
      await expect(loadConfigFile(file)).rejects.toThrow(
        `Config file ${file} is nested too deeply to read (a config is a few levels deep)`,
      )
    }
  })
})

describe('start for CI: ready file and wait', () => {
  it('writes the ready file once it accepts requests and removes it on shutdown', async () => {
    const ready = join(tempDir(), 'ready.json')
    const server = await startCli(['--ready-file', ready])
    await waitForOutput(() => (existsSync(ready) ? readFileSync(ready, 'utf8') : ''), /"pid"/)
    const info = JSON.parse(readFileSync(ready, 'utf8'))
    expect(info).toEqual({ url: server.url, pid: server.child.pid })
    expect((await fetch(`${info.url}/_emulator/health`)).status).toBe(200)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(existsSync(ready)).toBe(false)
  })

  it('wait returns 0 once the emulator answers and 1 with the reason when nothing does', async () => {
    const server = await startCli([])
    try {
      const ok = runCli(['wait', '--url', server.url, '--timeout', '5s'])
      expect(await ok.exited).toBe(0)
      expect(ok.output().stdout).toContain(`emulator ready at ${server.url}`)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
    const refused = await holdRefusedPort() // below the ephemeral range: no server of the suite can answer there
    try {
      const started = Date.now()
      const none = runCli(['wait', '--url', refused.url, '--timeout', '400ms'])
      expect(await none.exited).toBe(1)
      expect(none.output().stderr).toContain(`no emulator at ${refused.url} after 400ms (last: ECONNREFUSED)`)
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      await refused.release()
    }
  })

  it('wait refuses a bad timeout', async () => {
    const bad = runCli(['wait', '--timeout', 'soon'])
    expect(await bad.exited).toBe(2)
    expect(bad.output().stderr).toContain('--timeout expects a duration such as 30s, got "soon"')
  })
})

describe('logging', () => {
  it('prints one line per send, receipt and webhook attempt, with status and latency', async () => {
    const server = await startCli(['--speed', '1000'])
    try {
      const notifyUrl = `${server.url}/nowhere` // the emulator's own 404: a failed attempt to log
      const response = await fetch(`${server.url}/v2/messages`, {
        method: 'POST',
        headers: { key: 'dev', 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'email',
          from: 'a@b.test',
          to: [{ email: ['ann+bounce@example.com'] }],
          content: { type: 'text', subject: 's', text: 't' },
          notifyUrl,
        }),
      })
      const { messageId } = await response.json()
      const out = () => server.output().stdout
      await waitForOutput(out, /Bounce 7520 ann\+bounce@example\.com \(Permanent_General\)/)
      expect(out()).toContain(`send ${messageId} from a@b.test to ann+bounce@example.com`)
      expect(out()).toMatch(/Submitted 7501 ann\+bounce@example\.com/)
      await waitForOutput(
        out,
        new RegExp(`webhook \\d+ → ${notifyUrl.replace(/[/.]/g, '\\$&')} 404 in \\d+ ms, attempt 1: failed`),
      )
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI colour codes
      expect(out()).not.toMatch(/\x1b\[/) // no colour when stdout is not a terminal
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  })

  it('--log-format json writes one JSON object per line; --quiet keeps only trouble', async () => {
    const json = await startCli(['--log-format', 'json', '--speed', '1000'])
    const quiet = await startCli(['--quiet', '--speed', '1000'])
    try {
      await sendBounce(json.url)
      await sendBounce(quiet.url)
      await waitForOutput(() => json.output().stdout, /"status":"Bounce"/)
      const records = json
        .output()
        .stdout.trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(records[0]).toMatchObject({ event: 'listening', url: json.url })
      expect(records.map((r) => r.event)).toEqual(expect.arrayContaining(['message', 'receipt']))
      expect(records.find((r) => r.status === 'Bounce')).toMatchObject({
        level: 'warn',
        code: '7520',
        destination: 'ann+bounce@example.com',
      })

      await waitForOutput(() => quiet.output().stdout, /Bounce 7520/)
      expect(quiet.output().stdout).not.toMatch(/Submitted 7501|send [0-9a-f-]{36}/)
    } finally {
      json.child.kill('SIGTERM')
      quiet.child.kill('SIGTERM')
      await Promise.all([json.exited, quiet.exited])
    }
  })

  it('refuses an unknown log format and contradictory verbosity', async () => {
    const format = runCli(['start', '--log-format', 'xml'])
    expect(await format.exited).toBe(2)
    expect(format.output().stderr).toContain('--log-format expects "pretty" or "json", got "xml"')
    const both = runCli(['start', '--quiet', '--verbose'])
    expect(await both.exited).toBe(2)
    expect(both.output().stderr).toContain('--quiet and --verbose contradict each other')
  })
})
