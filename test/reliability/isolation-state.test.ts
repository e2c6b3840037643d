import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { openStateFile } from '../../src/state/state-file.js'
import { eventually } from '../support/eventually.js'

const mail = (address: string) => ({
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: [address] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
})

describe("an isolated emulator's state", () => {
  it('exports every tenant apart and imports them back, each with its own lists and messages', async () => {
    const first = createIsolatedEmulator({ clock: 'virtual', config: { seed: 1 } })
    first.tenant('one').send(mail('ann+bounce@x.test'))
    await first.tenant('one').advance(2_000)
    first.tenant('two').addRule({ domain: 'full.test', outcome: 'bounce' })
    const snapshot = JSON.parse(JSON.stringify(first.exportState()))
    await first.close(0)

    const second = createIsolatedEmulator({ clock: 'virtual', config: { seed: 1 } })
    second.importState(snapshot)
    expect(second.tenants().map((t) => t.name)).toEqual(['one', 'two'])
    const one = second.find('one')!
    const two = second.find('two')!
    expect(one.suppressed().map((e) => e.address)).toEqual(['ann+bounce@x.test'])
    expect(one.messages()).toHaveLength(1)
    expect(one.rules()).toEqual([])
    expect(two.suppressed()).toEqual([])
    expect(two.messages()).toEqual([])
    expect(two.rules()).toEqual([{ domain: 'full.test', outcome: 'bounce' }])
    await second.close(0)
  })

  it('brings each tenant back on its own clock through the state file, and counts what came back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wce-isolation-')), 'state.json')
    const startAt = Date.parse('2026-03-01T09:00:00Z')
    const first = createIsolatedEmulator({ clock: 'virtual', startAt, config: { seed: 1 } })
    const saved = await openStateFile(first, file, { debounceMs: 1 })
    first.tenant('ahead').send(mail('ann+bounce@x.test'))
    await first.tenant('ahead').advance(3_600_000)
    first.tenant('behind').addRule({ domain: 'full.test', outcome: 'bounce' })
    await saved.close()
    await first.close(0)

    const second = createIsolatedEmulator({ clock: 'virtual', startAt, config: { seed: 1 } })
    const restored = await openStateFile(second, file)
    expect(restored.restored).toMatchObject({ tenants: 2, messages: 1, suppressed: 1, rules: 1 })
    expect(second.clockState('ahead').now).toBe(startAt + 3_600_000)
    expect(second.clockState('behind').now).toBe(startAt)
    await restored.close()
    await second.close(0)
  })

  it("refuses a single emulator's state, and a single emulator refuses an isolated one, each saying why", async () => {
    const single = createEmulator({ clock: 'virtual' })
    const isolated = createIsolatedEmulator({ clock: 'virtual' })
    expect(() => isolated.importState(single.exportState())).toThrow(/saved without isolation/)
    expect(() => single.importState(isolated.exportState())).toThrow(/tenants of an isolated emulator/)
    expect(() => isolated.importState({ format: 'webex-connect-emulator-tenants', version: 2 })).toThrow(
      /not an isolated emulator's state/,
    )
    await Promise.all([single.close(0), isolated.close(0)])
  })

  it('refuses a state file with more tenants than limits.maxTenants now allows, naming the limit, and leaves it as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-tenants-')), 'state.json')
    const saved = createIsolatedEmulator({ clock: 'virtual', config: { limits: { maxTenants: 3 } } })
    for (const name of ['a', 'b', 'c']) saved.tenant(name).suppress(`${name}@x.test`)
    const text = JSON.stringify(saved.exportState())
    writeFileSync(path, text)
    const lowered = createIsolatedEmulator({ clock: 'virtual', config: { limits: { maxTenants: 2 } } })
    await expect(openStateFile(lowered, path)).rejects.toThrow(
      /the state holds 3 tenants and limits\.maxTenants is 2: raise it to at least 3/,
    )
    expect(readFileSync(path, 'utf8')).toBe(text)
    expect(lowered.evicted).toBe(0)
    await Promise.all([saved.close(0), lowered.close(0)])
  })
})

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
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const url = async () => {
    await eventually(
      () => /"url":"http:\/\/127\.0\.0\.1:\d+"/.test(stdout) || child.exitCode !== null,
      (done) => done,
      { timeoutMs: 20_000, what: 'the server to start', show: () => stdout + stderr },
    )
    const match = stdout.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)"/)
    if (!match) throw new Error(`did not start:\n${stdout}\n${stderr}`)
    return match[1]!
  }
  return { child, exited, url, output: () => ({ stdout, stderr }) }
}

async function call(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

describe('start with isolation "service" and --state-file', () => {
  it("keeps each tenant's lists across kill -9, logs each line with its tenant, and refuses a file saved without isolation", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-isolation-'))
    const file = join(dir, 'state.json')
    const config = join(dir, 'config.json')
    writeFileSync(config, JSON.stringify({ isolation: 'service' }))
    const args = ['--config', config, '--state-file', file, '--log-format', 'json']
    const first = start(args)
    const url = await first.url()
    expect(first.output().stdout).toMatch(/"isolation":"service"/)
    for (const key of ['worker-1', 'worker-2'])
      expect((await call(url, 'POST', '/v2/messages', { key }, mail(`${key}+bounce@x.test`))).status).toBe(201)
    const saved = () => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
    const bounced = (tenant: string) =>
      saved()?.tenants?.find((t: any) => t.name === tenant)?.state.channels.email.suppression.length === 1
    await eventually(
      () => bounced('worker-1') && bounced('worker-2'),
      (done) => done,
      { what: 'both tenants to be saved', show: () => JSON.stringify(saved()) },
    )
    const lines = first
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
    expect(lines.filter((l) => l.event === 'message').map((l) => l.tenant)).toEqual(
      expect.arrayContaining(['worker-1', 'worker-2']),
    )
    expect(lines.find((l) => l.event === 'tenant')).toMatchObject({ action: 'created', level: 'info' })
    first.child.kill('SIGKILL')
    await first.exited

    const second = start(args)
    const url2 = await second.url()
    for (const key of ['worker-1', 'worker-2']) {
      const entries = (await call(url2, 'GET', '/_emulator/suppression', { 'x-emulator-tenant': key })).body.entries
      expect(entries.map((e: { address: string }) => e.address)).toEqual([`${key}+bounce@x.test`])
    }
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    const records = second
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
    expect(records.find((r) => r.event === 'state-file')).toMatchObject({
      restored: { tenants: 2, suppressed: 2 },
      message: expect.stringMatching(/restored 2 tenants \(.*2 suppressed addresses/),
    })
    expect(records.find((r) => r.event === 'stopped')).toMatchObject({ pending: 0 })

    writeFileSync(file, JSON.stringify(createEmulator({ clock: 'virtual' }).exportState()))
    const refused = start(args)
    expect(await refused.exited).toBe(2)
    expect(refused.output().stderr).toMatch(/cannot be restored \(this state was saved without isolation/)
  }, 90_000)
})
