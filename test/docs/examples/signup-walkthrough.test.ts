// docs/scenarios.md's "your own app" blocks, verbatim (test/docs/snippets.test.ts checks the page's
// blocks are in this file), run line by line with the real CLI, the example app and curl: the
// emulator and the app on free ports instead of 4600 and 3000 (`start` gets `--port 0`, the app
// `PORT=0`), `npx webex-connect-emulator` being this repository's bin.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { bin, type CliProcess, startCli, waitForOutput } from '../../support/cli.js'
import { eventually } from '../../support/eventually.js'

const walkthrough = String.raw`
npx webex-connect-emulator start &
npm run example:signup          # the app on http://127.0.0.1:3000 (PORT, WEBEX_CONNECT_URL to change)
curl -s localhost:3000/signup -H 'content-type: application/json' -d '{"email":"bob+bounce@customer.test"}'
curl -s localhost:3000/users/bob+bounce@customer.test    # "mailStatus":"Bounce" a moment later
npx webex-connect-emulator run scenarios/apps/ --target http://127.0.0.1:4600 --var APP_URL=http://127.0.0.1:3000
`

const runAgainstApp = String.raw`
npx webex-connect-emulator run scenarios/apps --target http://127.0.0.1:4600 --var APP_URL=http://127.0.0.1:3000
`

const root = join(import.meta.dirname, '../../..')
const bash = (line: string, env: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(
    'bash',
    ['-ec', `npx() { [ "$1" = webex-connect-emulator ] && shift; node "${bin}" "$@"; }\n${line}`],
    { cwd: root, env: { ...process.env, ...env } },
  )

let emulator: (CliProcess & { url: string }) | undefined
let app: ChildProcess | undefined
afterAll(async () => {
  if (app?.pid && app.exitCode === null) {
    process.kill(-app.pid, 'SIGTERM') // npm, its shell and tsx's node
    await new Promise((resolve) => app!.once('exit', resolve))
  }
  if (emulator && emulator.child.exitCode === null) {
    emulator.child.kill()
    await emulator.exited
  }
})

it('the emulator, the example app, a signup that bounces, and the app scenario against both', {
  timeout: 120_000,
}, async () => {
  const [startLine, appLine, signupLine, userLine, runLine] = walkthrough.trim().split('\n') as string[]
  expect(startLine).toBe('npx webex-connect-emulator start &')
  emulator = await startCli([])

  app = spawn('bash', ['-c', appLine!], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', WEBEX_CONNECT_URL: emulator.url },
  })
  let output = ''
  app.stdout!.on('data', (chunk) => (output += chunk))
  app.stderr!.on('data', (chunk) => (output += chunk))
  const [, appUrl] = await waitForOutput(() => output, /signup-app listening on (http:\/\/\S+)/)
  const appHost = new URL(appUrl!).host

  const signup = await bash(signupLine!.replace('localhost:3000', appHost))
  expect(JSON.parse(signup.stdout)).toHaveProperty('messageId')
  const user = await eventually(
    async () => (await bash(userLine!.replace('localhost:3000', appHost))).stdout,
    (text) => text.includes('"mailStatus":"Bounce"'),
    { timeoutMs: 20_000, what: 'the app to record the bounce' },
  )
  expect(user).toContain('"mailStatus":"Bounce"')

  for (const line of [runLine!, runAgainstApp.trim()]) {
    const { stdout } = await bash(
      line.replace('http://127.0.0.1:4600', emulator.url).replace('http://127.0.0.1:3000', `http://${appHost}`),
    )
    expect(stdout).toContain('✓ The signup app hears of a bounce through its webhook')
    expect(stdout).not.toMatch(/✗|- The signup app/)
  }
})
