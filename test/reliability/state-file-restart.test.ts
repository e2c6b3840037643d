import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { eventually } from '../support/eventually.js'

const bin = join(import.meta.dirname, '../../bin/webex-connect-emulator.js')
/** What docs/configuration.md's State file section promises: "the durability window is N ms after a change". */
const documentedWindowMs = Number(
  readFileSync(join(import.meta.dirname, '../../docs/configuration.md'), 'utf8')
    .match(/the durability window is ([\d,]+) ms after a change/)?.[1]
    ?.replace(',', ''),
)
const children: Array<ReturnType<typeof spawn>> = []
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function start(args: string[], as: { uid?: number; gid?: number } = {}) {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--speed', '1000', ...args], {
    stdio: 'pipe',
    ...as,
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const url = async () => {
    await eventually(
      () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout) || child.exitCode !== null,
      (done) => done,
      { timeoutMs: 20_000, what: 'the server to start', show: () => stdout + stderr },
    )
    const match = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    if (!match) throw new Error(`did not start:\n${stdout}\n${stderr}`)
    return match[1]!
  }
  return { child, exited, url, output: () => ({ stdout, stderr }) }
}

/** The first directory on the way to `path` that others may not enter, if any. */
function closedAncestor(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir
    if (dirname(dir) === dir) return undefined
  }
}

const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) })
async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(
    `${url}${path}`,
    body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json', key: 'k' }, body: json(body).body },
  )
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
const mail = (address: string) => ({
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: [address] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
})

describe('--state-file', () => {
  it('keeps suppression (with expiry), unsubscribes, verified addresses, rules and messages across kill -9 and a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    const first = start(['--state-file', file, '--seed', '7'])
    const url = await first.url()
    expect((await call(url, 'POST', '/_emulator/suppression', { address: 'kept@x.test', for: 'never' })).status).toBe(
      201,
    )
    expect(
      (await call(url, 'POST', '/_emulator/unsubscribes', { sender: 'news@brand.test', address: 'gone@x.test' }))
        .status,
    ).toBe(201)
    expect((await call(url, 'PUT', '/_emulator/sandbox', { verified: ['team.test'] })).status).toBe(200)
    expect(
      (await call(url, 'POST', '/_emulator/rules', { domain: 'full.test', outcome: 'bounce-mailboxfull' })).status,
    ).toBe(201)
    const sent = await call(url, 'POST', '/v2/messages', mail('ann+bounce@x.test'))
    expect(sent.status).toBe(201)
    // The bounce lands on the list a moment later (speed 1000); wait until the file has caught up.
    const saved = () => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
    await eventually(
      saved,
      (state) =>
        state?.channels?.email?.suppression.length === 2 && state?.messages[0]?.recipients[0]?.receipts.length === 2,
      { what: 'the state file to catch up' },
    )
    first.child.kill('SIGKILL')
    await first.exited

    const second = start(['--state-file', file, '--seed', '7'])
    const url2 = await second.url()
    expect(second.output().stdout).toContain(
      'restored 1 rule (the config has none), sandbox off, 1 verified address, 2 suppressed addresses, 1 unsubscribe, 1 message — they take precedence over the config',
    )
    const suppression = (await call(url2, 'GET', '/_emulator/suppression')).body.entries
    expect(suppression.map((e: { address: string }) => e.address).sort()).toEqual(['ann+bounce@x.test', 'kept@x.test'])
    expect(suppression.find((e: { address: string }) => e.address === 'ann+bounce@x.test').expiresAt).toBeGreaterThan(
      Date.now(),
    )
    expect((await call(url2, 'GET', '/_emulator/unsubscribes')).body.entries).toMatchObject([
      { sender: 'news@brand.test', address: 'gone@x.test' },
    ])
    expect((await call(url2, 'GET', '/_emulator/sandbox')).body.verified).toEqual(['team.test'])
    expect((await call(url2, 'GET', '/_emulator/rules')).body.rules).toEqual([
      { domain: 'full.test', outcome: 'bounce-mailboxfull' },
    ])
    expect((await call(url2, 'GET', `/_emulator/messages/${sent.body.messageId}`)).status).toBe(200)
    // The restored bounce list is live: a new send to that address is refused with 7240, and gets a fresh id.
    const again = await call(url2, 'POST', '/v2/messages', mail('ann+bounce@x.test'))
    expect(again.body.messageId).not.toBe(sent.body.messageId)
    const message = (await call(url2, 'GET', `/_emulator/messages/${again.body.messageId}`)).body
    expect(message.recipients[0].fate).toBe('rejected (7240)')

    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    expect(saved().messages).toHaveLength(2)
  }, 60_000)

  it('refuses a corrupt state file with an error naming it, and --fresh-state starts empty keeping a backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    writeFileSync(file, '{"format":"webex-connect-emulator-state", "version": 1, trunc')
    const broken = start(['--state-file', file])
    expect(await broken.exited).toBe(2)
    expect(broken.output().stderr).toContain(`The state file ${file} is corrupt`)
    expect(broken.output().stderr).toContain('--fresh-state')
    expect(readFileSync(file, 'utf8')).toContain('trunc') // untouched

    const fresh = start(['--state-file', file, '--fresh-state'])
    await fresh.url()
    expect(fresh.output().stdout).toContain('--fresh-state, starting from the config')
    expect(readFileSync(`${file}.bak`, 'utf8')).toContain('trunc')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      format: 'webex-connect-emulator-state',
      messages: [],
    })
    fresh.child.kill('SIGTERM')
    expect(await fresh.exited).toBe(0)
  }, 60_000)

  it('refuses a JSON file that is not a state snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    writeFileSync(file, '{"hello": "world"}')
    const wrong = start(['--state-file', file])
    expect(await wrong.exited).toBe(2)
    expect(wrong.output().stderr).toMatch(
      new RegExp(
        `state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be restored \\(not a state snapshot: format`,
      ),
    )
  }, 90_000)

  it('keeps a change across kill -9 once the documented durability window has passed, and the sped-up clock resumes from the saved time', async () => {
    expect(documentedWindowMs).toBeGreaterThan(0)
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    const first = start(['--state-file', file]) // at --speed 1000
    const url = await first.url()
    const saved = () => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
    const changedAt = Date.now()
    expect((await call(url, 'POST', '/_emulator/suppression', { address: 'kept@x.test', for: 'never' })).status).toBe(
      201,
    )
    // On disk within the window (measured from before the request), then killed at once.
    await eventually(
      saved,
      (state) => state?.channels?.email?.suppression.some((e: { address: string }) => e.address === 'kept@x.test'),
      {
        timeoutMs: Math.max(0, changedAt + documentedWindowMs - Date.now()),
        what: `kept@x.test on disk within ${documentedWindowMs} ms of the change`,
      },
    )
    first.child.kill('SIGKILL')
    await first.exited
    const { savedAt } = saved()

    const second = start(['--state-file', file])
    const url2 = await second.url()
    const suppression = (await call(url2, 'GET', '/_emulator/suppression')).body.entries
    expect(suppression.map((e: { address: string }) => e.address)).toEqual(['kept@x.test'])
    // At --speed 1000 the emulated time ran far ahead of the wall clock; it does not go back.
    expect(savedAt).toBeGreaterThan(Date.now() + 60_000)
    expect((await call(url2, 'GET', '/_emulator/clock')).body.now).toBeGreaterThanOrEqual(savedAt)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }, 60_000)

  it('removes temp files a killed run left behind when it starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    writeFileSync(`${file}.99999999.0a1b2c3d.tmp`, '{"format":"webex-connect-emulator-state", "half')
    const cli = start(['--state-file', file])
    await cli.url()
    expect(cli.output().stdout).toContain('removed 1 temp file left by a killed run')
    // The lock is there while it runs (see the next test), and goes with it.
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.lock'])
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    expect(readdirSync(dir)).toEqual(['state.json'])
  }, 90_000)

  it('refuses a second emulator on a state file in use, and takes over a lock its killed owner left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    const file = join(dir, 'state.json')
    const first = start(['--state-file', file])
    await first.url()
    const second = start(['--state-file', file])
    expect(await second.exited).toBe(2)
    expect(second.output().stderr).toContain(
      `The state file ${file} is in use by process ${first.child.pid} (see ${file}.lock)`,
    )
    // Killed with -9, the first leaves its lock; the next start takes it over.
    first.child.kill('SIGKILL')
    await first.exited
    expect(readdirSync(dir)).toContain('state.json.lock')
    const third = start(['--state-file', file])
    await third.url()
    third.child.kill('SIGTERM')
    expect(await third.exited).toBe(0)
  }, 90_000)

  const unwritable: Array<[string, (dir: string) => string, string]> = [
    ['a directory that does not exist', (dir) => join(dir, 'missing', 'state.json'), 'does not exist'],
    [
      'a "directory" that is a file',
      (dir) => {
        writeFileSync(join(dir, 'plain'), '')
        return join(dir, 'plain', 'state.json')
      },
      'is not a directory',
    ],
  ]
  it.each(unwritable)(
    'refuses to start with its state file in %s, naming the path (exit 2)',
    async (_, place, why) => {
      const file = place(mkdtempSync(join(tmpdir(), 'wce-state-')))
      const cli = start(['--state-file', file])
      expect(await cli.exited).toBe(2)
      expect(cli.output().stderr).toContain(`Cannot write the state file ${file}: `)
      expect(cli.output().stderr).toContain(why)
    },
    30_000,
  )

  // root writes anywhere: run as root, the CLI starts as nobody (uid 65534), who may not write there.
  it('refuses to start with its state file in a directory it may not write (exit 2)', async (context) => {
    const root = process.getuid?.() === 0
    // nobody must be able to reach the CLI's sources to run it at all.
    const unreachable = root ? closedAncestor(dirname(bin)) : undefined
    context.skip(unreachable !== undefined, `nobody cannot enter ${unreachable}, so the CLI cannot run as nobody`)
    const dir = mkdtempSync(join(tmpdir(), 'wce-state-'))
    chmodSync(dir, 0o555)
    const file = join(dir, 'state.json')
    const cli = start(['--state-file', file], root ? { uid: 65534, gid: 65534 } : {})
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`Cannot write the state file ${file}: no permission to write in ${dir}`)
  }, 30_000)
})
