import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { eventually } from '../support/eventually.js'

const bin = join(import.meta.dirname, '../../bin/webex-connect-emulator.js')
const children: Array<ReturnType<typeof spawn>> = []
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function start(args: string[]) {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--speed', '1000', ...args], { stdio: 'pipe' })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
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
    expect(second.output().stdout).toMatch(/restored 1 messages, 2 suppressed, 1 unsubscribed, 1 verified, 1 rules/)
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
    expect(fresh.output().stdout).toContain('starting empty')
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
  }, 30_000)
})
