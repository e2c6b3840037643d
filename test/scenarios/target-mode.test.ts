import { readdirSync } from 'node:fs'
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignupApp } from '../../examples/signup-app/app.js'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { defineScenario, runScenario } from '../../src/scenarios/index.js'

const scenarios = join(import.meta.dirname, '../../scenarios')

describe('scenarios against a running emulator (--target)', () => {
  let emulator: RunningServer
  let appUrl: string
  let closeApp: () => Promise<void>

  beforeAll(async () => {
    // A real server on real time; the runner switches it to virtual time for each scenario.
    const config = { serviceKeys: ['scenario-key', 'shop-key'] }
    emulator = await startServer(createEmulator({ clock: 'real', config }), { port: 0 })
    let shop: ReturnType<typeof createSignupApp> | undefined
    const server = serve({
      fetch: (request) => shop!.app.fetch(request),
      port: 0,
      hostname: '127.0.0.1',
      overrideGlobalObjects: false,
    })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    shop = createSignupApp({ apiBase: emulator.url, serviceKey: 'shop-key', publicUrl: appUrl })
    closeApp = () => new Promise<void>((resolve) => server.close(() => resolve()))
  })
  afterAll(async () => {
    await closeApp()
    await emulator.close(0)
  })

  it('drives the example signup app: it sends, gets a bounce on its webhook, and shows the user as bounced', async () => {
    const result = await runScenario(join(scenarios, 'apps/signup-app.yaml'), {
      target: emulator.url,
      vars: { APP_URL: appUrl },
    })
    expect(result.status, result.report).toBe('passed')
    expect(result.steps.every((step) => step.status === 'passed')).toBe(true)
  })

  it('skips the app scenario, saying why, without a target', async () => {
    const result = await runScenario(join(scenarios, 'apps/signup-app.yaml'))
    expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('--target') })
  })

  /** Scenarios whose config a running emulator cannot take (each says so in `requires`). */
  const inProcessOnly = new Set([
    'apple-quick-reply-and-form.yaml',
    'datastream-format.yaml',
    'as-documented-receipts.yaml',
    'messenger-window-and-human-agent.yaml',
    'sms-inbound-keyword.yaml',
    'sms-scheduled.yaml',
    'v1-messaging-sms.yaml',
    'whatsapp-marketing-opt-out.yaml',
    'whatsapp-template-and-missing-parameter.yaml',
    'whatsapp-window-closed-then-opened.yaml',
  ])

  it.each(readdirSync(scenarios).filter((name) => name.endsWith('.yaml')))(
    '%s passes against the running emulator too (or says why it runs in-process only)',
    async (name) => {
      const result = await runScenario(join(scenarios, name), { target: emulator.url })
      if (inProcessOnly.has(name)) {
        expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('in-process only') })
      } else {
        expect(result.status, result.report).toBe('passed')
      }
    },
  )
})

describe('a scenario whose set-up on the target fails half-way', () => {
  it('leaves the emulator as it was: real time, its own targets, no receiver left behind', async () => {
    const config = { limits: { maxTargets: 1 }, webhooks: { targets: [{ url: 'http://127.0.0.1:9/app' }] } }
    const server = await startServer(createEmulator({ clock: 'real', config }), { port: 0, host: '127.0.0.1' })
    try {
      // Two receivers, one target slot: the second is refused (409) after the first went in.
      const scenario = defineScenario({
        name: 'two receivers',
        receivers: [{ name: 'a' }, { name: 'b' }],
        steps: [{ advance: '1s' }],
      })
      const result = await runScenario(scenario, { target: server.url })
      expect(result.status).toBe('failed')
      const clock = (await (await fetch(`${server.url}/_emulator/clock`)).json()) as { mode: string }
      const { targets } = (await (await fetch(`${server.url}/_emulator/webhooks/targets`)).json()) as {
        targets: Array<{ url: string }>
      }
      expect(clock.mode).toBe('real')
      expect(targets.map((target) => target.url)).toEqual(['http://127.0.0.1:9/app'])
    } finally {
      await server.close(0)
    }
  })
})

describe('a target that stops answering', () => {
  it('fails the scenario within the request deadline, saying so, instead of hanging', async () => {
    // Accepts connections and never answers: an emulator stopped with SIGSTOP, deadlocked or swamped.
    const sockets = new Set<Socket>()
    const hung = createNetServer((socket) => sockets.add(socket))
    await new Promise<void>((listening) => hung.listen(0, '127.0.0.1', listening))
    const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`
    try {
      const started = performance.now()
      const result = await runScenario(defineScenario({ name: 'hung', steps: [{ advance: '1s' }] }), {
        target: url,
        requestTimeoutMs: 300,
      })
      expect(result.status).toBe('failed')
      expect(result.reason).toContain(`no answer from the emulator at ${url} within 300 ms (GET /_emulator/clock)`)
      expect(performance.now() - started).toBeLessThan(10_000)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((closed) => hung.close(() => closed()))
    }
  })
})
