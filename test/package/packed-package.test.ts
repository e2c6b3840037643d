/**
 * The package as a user gets it: `npm pack`, install the tarball into an empty project, then run the
 * CLI through npx, import every subpath from plain Node ESM and type-check them with tsc, and run
 * the CI example in docs/ci.md. Catches missing files and broken exports before a user does.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ciExamplePattern } from '../support/doc-blocks.js'
import { eventually } from '../support/eventually.js'
import { isRunning } from '../support/processes.js'

const run = promisify(execFile)
const repo = join(import.meta.dirname, '../..')
const sh = (command: string, cwd: string, timeout = 120_000) =>
  run('bash', ['-c', command], {
    cwd,
    timeout,
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  })
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
const subpaths = Object.keys(pkg.exports)
  .filter((s) => s !== './package.json')
  .map((s) => s.replace(/^\./, 'webex-connect-emulator'))

/** The docs/ci.md block between the ci-example markers: exactly what a CI job runs. */
function readmeCiScript(): string {
  const readme = readFileSync(join(repo, 'docs/ci.md'), 'utf8')
  const match = readme.match(ciExamplePattern)
  if (!match)
    throw new Error('docs/ci.md has no ```bash block between <!-- ci-example:start --> and <!-- ci-example:end -->')
  return match[1]!
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('the packed package', () => {
  let project: string
  let tarball: string

  beforeAll(async () => {
    // Pack a copy, so building dist/ never races other tests that run the clone's CLI.
    const work = mkdtempSync(join(tmpdir(), 'wce-pack-'))
    const source = join(work, 'source')
    mkdirSync(source)
    for (const entry of [
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src',
      'scripts', // the build runs scripts/build-console.ts
      'bin',
      'scenarios',
      'docs',
      'README.md',
      'LICENSE',
      'webex-connect-emulator.schema.json',
    ]) {
      cpSync(join(repo, entry), join(source, entry), { recursive: true })
    }
    symlinkSync(join(repo, 'node_modules'), join(source, 'node_modules'))
    const { stdout } = await sh('npm pack --silent', source)
    tarball = join(source, stdout.trim().split('\n').at(-1)!)

    project = join(work, 'project')
    mkdirSync(project)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
    )
    await sh(
      `npm install --prefer-offline --no-save ${tarball} msw@${pkg.devDependencies.msw} @types/node@${pkg.devDependencies['@types/node']}`,
      project,
      170_000,
    )
  }, 240_000)

  afterAll(() => {
    if (project) rmSync(join(project, '..'), { recursive: true, force: true })
  }, 120_000) // a whole installed project: slow to delete on a busy machine

  it('ships the build, the bin, the schema and the scenarios, and no sources or tests', async () => {
    const { stdout } = await sh(`tar -tzf ${tarball}`, project)
    const files = stdout
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''))
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/cli-bundle/main.js',
        'dist/index.js',
        'dist/index.d.ts',
        'bin/webex-connect-emulator.js',
        'webex-connect-emulator.schema.json',
        'README.md',
        'LICENSE',
        'docs/vendor-api.md',
        'package.json',
      ]),
    )
    expect(files.some((f) => f.startsWith('scenarios/') && f.endsWith('.yaml'))).toBe(true)
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.test.js'))).toEqual([])
    // The console's bundler is for a source checkout; the build leaves its script, not its bundler.
    expect(files.filter((f) => f.includes('build-console-client'))).toEqual([])
  })

  it('runs through npx: --help, the shipped scenarios, and start serving a send', async () => {
    const { stdout } = await sh('npx webex-connect-emulator --help', project)
    expect(stdout).toContain('Usage: webex-connect-emulator <command>')
    const { stdout: scenarios } = await sh(
      'npx webex-connect-emulator run node_modules/webex-connect-emulator/scenarios/',
      project,
    )
    expect(scenarios).toMatch(/\d+ scenarios: \d+ passed, 0 failed/)
    // --library finds the same shipped scenarios without knowing where node_modules put them.
    const { stdout: library } = await sh('npx webex-connect-emulator run --library', project)
    const summary = (text: string) => text.match(/\d+ scenarios: [^(]*/)?.[0]
    expect(summary(library)).toBeDefined()
    expect(summary(library)).toBe(summary(scenarios))
    const port = await freePort()
    const { stdout: sent } = await sh(
      `npx webex-connect-emulator start --port ${port} --ready-file ready.json > emulator.log 2>&1 &
       npx webex-connect-emulator wait --ready-file ready.json --timeout 20s >/dev/null
       node -p "require('./ready.json').pid" > emulator.pid
       curl -fsS -X POST http://127.0.0.1:${port}/v2/messages -H 'key: k' -H 'content-type: application/json' \\
         -d '{"channel":"email","from":"a@b.test","to":[{"email":["c@d.test"]}],"content":{"type":"text","subject":"s","text":"t"}}'
       curl -fsS http://127.0.0.1:${port}/_emulator -o console.html
       curl -fsS http://127.0.0.1:${port}/_emulator/openapi.json -o openapi.json
       kill %1; wait`,
      project,
    )
    expect(JSON.parse(sent)).toMatchObject({ status: 'queued' })
    // The console's script was bundled into dist/ at build time: the page carries it and its vocabulary.
    const console = readFileSync(join(project, 'console.html'), 'utf8')
    expect(console).toContain('<script type="application/json" id="console-vocabulary">')
    expect(console).toContain('new EventSource(')
    // The OpenAPI document's libraries are a chunk of their own, loaded on its first request.
    const openApi = JSON.parse(readFileSync(join(project, 'openapi.json'), 'utf8'))
    expect(openApi).toMatchObject({ openapi: '3.1.0', paths: { '/v2/messages': { post: expect.any(Object) } } })
    // `kill %1` ends npx, not the emulator it started; the emulator must notice and stop by itself.
    const pid = Number(readFileSync(join(project, 'emulator.pid'), 'utf8'))
    await eventually(
      () => isRunning(pid),
      (running) => !running,
      { what: `the emulator (pid ${pid}) to exit` },
    )
  }, 60_000)

  it('imports every subpath from plain Node ESM', async () => {
    const script = `${subpaths.map((s, i) => `const m${i} = await import('${s}'); if (Object.keys(m${i}).length === 0) throw new Error('${s} exports nothing')`).join('\n')}
const { createWebexConnectMock } = await import('webex-connect-emulator/msw')
const { webhookReceiptSchema } = await import('webex-connect-emulator/payloads')
console.log(typeof createWebexConnectMock, typeof webhookReceiptSchema?.parse)`
    writeFileSync(join(project, 'imports.mjs'), script)
    const { stdout } = await sh('node imports.mjs', project)
    expect(stdout.trim()).toBe('function function')
  }, 60_000)

  it('type-checks every subpath with tsc (strict, NodeNext)', async () => {
    // Our .d.ts files are checked when the build emits them; what matters here is that every import
    // resolves to types (skipLibCheck spares re-checking msw's and hono's own declarations).
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['check.ts'],
      }),
    )
    writeFileSync(
      join(project, 'check.ts'),
      `import { createEmulator, startServer, type EmulatorConfigInput } from 'webex-connect-emulator'
import { createWebexConnectMock } from 'webex-connect-emulator/msw'
import { webhookReceiptSchema, type WebhookReceipt } from 'webex-connect-emulator/payloads'
import * as scenarios from 'webex-connect-emulator/scenarios'

const config: EmulatorConfigInput = { timeZone: 'Asia/Kolkata', sandbox: { enabled: true, verified: ['me@example.com'] } }
const emulator = createEmulator({ config, clock: 'virtual' })
const mock = createWebexConnectMock({ config })
const receipt: WebhookReceipt | undefined = undefined
export { emulator, mock, receipt, startServer, webhookReceiptSchema, scenarios }
`,
    )
    const tsc = join(repo, 'node_modules/typescript/bin/tsc')
    await sh(`node ${tsc} -p tsconfig.json`, project).catch((error: { stdout: string }) => {
      throw new Error(`tsc failed in the user project:\n${error.stdout}`)
    })
  }, 120_000)

  it('runs the CI example of docs/ci.md as written', async () => {
    const port = await freePort()
    const script = readmeCiScript()
      .replace(/npm install --save-dev webex-connect-emulator\n/, '') // installed from the tarball above
      .replaceAll('4600', String(port))
    writeFileSync(join(project, 'ci-example.sh'), `set -euo pipefail\n${script}`)
    const { stdout } = await sh('bash ci-example.sh', project)
    expect(stdout).toContain(`emulator ready at http://127.0.0.1:${port}`)
    expect(stdout).toContain('"status":"queued"')
    // However the script ends, its EXIT trap stops the emulator.
    const listening = JSON.parse(readFileSync(join(project, 'emulator.log'), 'utf8').split('\n')[0]!)
    await eventually(
      () => isRunning(listening.pid),
      (running) => !running,
      { what: 'the emulator to exit' },
    )
  }, 60_000)

  it('stops the emulator of the CI example even when the script fails half-way', async () => {
    const port = await freePort()
    const script = readmeCiScript()
      .replace(/npm install --save-dev webex-connect-emulator\n/, '')
      .replaceAll('4600', String(port))
      .replace(/# your tests run here[^\n]*\n/, '$&false  # a failing test\n')
    writeFileSync(join(project, 'ci-example-failing.sh'), `set -euo pipefail\n${script}`)
    await expect(sh('bash ci-example-failing.sh', project)).rejects.toThrow()
    const listening = JSON.parse(readFileSync(join(project, 'emulator.log'), 'utf8').split('\n')[0]!)
    await eventually(
      () => isRunning(listening.pid),
      (running) => !running,
      { what: 'the emulator to exit' },
    )
  }, 60_000)
})
