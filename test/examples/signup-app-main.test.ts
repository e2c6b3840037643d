/**
 * `npm run example:signup` runs the example app as its own process against an emulator: what a
 * newcomer does to see an app, the emulator and webhooks working together. Real processes, real HTTP.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { waitForOutput } from '../support/cli.js'

const root = join(import.meta.dirname, '../..')
const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('examples/signup-app as a process (npm run example:signup)', () => {
  it('signs a user up through the emulator and records the bounce its webhook receives', async () => {
    const emulator = createEmulator({ config: { email: { delays: { bounce: 50, delivered: 50 } } }, clock: 'real' })
    const server = await startServer(emulator, { port: 0 })
    cleanups.push(() => server.close(0))

    const app = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'examples/signup-app/main.ts'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, PORT: '0', WEBEX_CONNECT_URL: server.url },
    })
    let stdout = ''
    app.stdout.on('data', (chunk) => (stdout += chunk))
    app.stderr.on('data', (chunk) => (stdout += chunk))
    const exited = new Promise((resolve) => app.on('exit', resolve))
    cleanups.push(() => {
      app.kill('SIGTERM')
      return exited
    })
    const [, url] = await waitForOutput(() => stdout, /signup-app listening on (http:\/\/\S+)/, 30_000)

    const signup = await fetch(`${url}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob+bounce@customer.test' }),
    })
    expect(signup.status).toBe(201)
    const bounced = await pollUser(url!, (u) => u.mailStatus === 'Bounce')
    expect(bounced.history).toEqual(['Submitted', 'Bounce'])
  }, 60_000)

  it('refuses a PORT that is not a port number, saying so', async () => {
    const app = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'examples/signup-app/main.ts'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, PORT: 'eighty' },
    })
    let stderr = ''
    app.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise((resolve) => app.on('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('PORT must be a port number')
  }, 90_000)
})

/** The app's view of the user, polled over HTTP until it holds (the receipt arrives asynchronously). */
async function pollUser(url: string, holds: (user: { mailStatus: string; history: string[] }) => boolean) {
  const deadline = Date.now() + 15_000
  for (;;) {
    const user = (await (await fetch(`${url}/users/bob%2Bbounce%40customer.test`)).json()) as {
      mailStatus: string
      history: string[]
    }
    if (holds(user)) return user
    if (Date.now() > deadline) throw new Error(`the app never saw it; last: ${JSON.stringify(user)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
