/**
 * A `subscribe()` listener that throws: the engine goes on as if it had not (every webhook attempt
 * settles, sends answer, lifecycles finish), the other listeners still hear every event, and the
 * error is reported — never swallowed.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../../src/core/emulator.js'
import type { EmulatorEvent } from '../../src/core/kernel/events.js'
import { VirtualClock } from '../../src/core/kernel/virtual-clock.js'
import { parseConfig } from '../../src/core/parse-config.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { emailTo } from '../support/virtual-emulator.js'

function engineWithFaultyListener(throwsOn: EmulatorEvent['type'][]) {
  const reported: unknown[] = []
  const posted: string[] = []
  const emulator = createEngine({
    config: parseConfig({ webhooks: { targets: [{ url: 'http://app.test/hooks' }], concurrencyPerTarget: 1 } }),
    clock: new VirtualClock(),
    seed: 1,
    transport: async (request) => {
      posted.push(request.body)
      return { status: 200, latencyMs: 5 }
    },
    reportListenerError: (error) => reported.push(error),
  })
  emulator.subscribe((event) => {
    if (throwsOn.includes(event.type)) throw new Error(`listener broke on ${event.type}`)
  })
  const heard: EmulatorEvent['type'][] = []
  emulator.subscribe((event) => heard.push(event.type))
  return { emulator, reported, posted, heard }
}

describe('a listener that throws', () => {
  it('leaves webhook attempts to settle: runUntilIdle returns, and every delivery succeeds', async () => {
    const { emulator, reported, posted, heard } = engineWithFaultyListener(['attempt'])
    for (let i = 0; i < 3; i++) emulator.send(emailTo(`ann${i}@example.com`))
    await emulator.runUntilIdle()
    // Two receipts (Submitted, Delivered) per message, one attempt each, one slot for the target:
    // a wedged slot would have stopped the line at the first attempt.
    expect(posted).toHaveLength(6)
    expect(emulator.deliveries().map((d) => d.state)).toEqual(Array(6).fill('delivered'))
    expect(emulator.stats().inFlight).toBe(0)
    expect(heard.filter((type) => type === 'attempt')).toHaveLength(6)
    expect(reported).toHaveLength(6)
    expect((reported[0] as Error).message).toBe('listener broke on attempt')
    // Time still moves after it: a later send plays out too.
    emulator.send(emailTo('late@example.com'))
    await emulator.runUntilIdle()
    expect(posted).toHaveLength(8)
  })

  it('leaves a send answered and recorded, and its lifecycle played to the end', async () => {
    const { emulator, reported, heard } = engineWithFaultyListener(['message', 'receipt'])
    const { messageId } = emulator.send(emailTo('ann@example.com'))
    await emulator.runUntilIdle()
    expect(emulator.message(messageId)?.recipients[0]?.status).toBe('Delivered')
    expect(heard.filter((type) => type === 'message' || type === 'receipt')).toEqual(['message', 'receipt', 'receipt'])
    expect(reported.map((error) => (error as Error).message)).toEqual([
      'listener broke on message',
      'listener broke on receipt',
      'listener broke on receipt',
    ])
  })
})

describe('onListenerError', () => {
  it('takes what listeners throw, for createEmulator and createIsolatedEmulator alike', async () => {
    const caught: string[] = []
    const onListenerError = (error: unknown) => caught.push((error as Error).message)
    const emulator = createEmulator({ clock: 'virtual', onListenerError })
    emulator.subscribe((event) => {
      if (event.type === 'message') throw new Error('single')
    })
    emulator.send(emailTo('ann@example.com'))
    const isolated = createIsolatedEmulator({ clock: 'virtual', onListenerError })
    isolated.subscribe((event) => {
      if (event.type === 'message') throw new Error('isolated')
    })
    isolated.tenant('worker-1').send(emailTo('bob@example.com'))
    expect(caught).toEqual(['single', 'isolated'])
    await Promise.all([emulator.close(), isolated.close()])
  })
})

/**
 * The default, through the public entry points, in a process of its own: what a user's test run
 * sees is an unhandled rejection carrying the listener's error (vitest fails the run with its stack).
 */
describe('by default', () => {
  it('re-raises the error as an unhandled rejection, for createEmulator and createIsolatedEmulator alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listener-errors-'))
    try {
      const src = (path: string) => JSON.stringify(pathToFileURL(resolve(import.meta.dirname, '../../src', path)).href)
      const script = join(dir, 'run.mts')
      await writeFile(
        script,
        `import { createEmulator } from ${src('runtime/create-emulator.ts')}
import { createIsolatedEmulator } from ${src('runtime/create-isolated-emulator.ts')}
const rejections = []
process.on('unhandledRejection', (error) => rejections.push(error.message))
const mail = (to) => ({ channel: 'email', from: 'me@x.test', to: [{ email: [to] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } })
const transport = async () => ({ status: 200, latencyMs: 1 })
const config = { seed: 1, webhooks: { targets: [{ url: 'http://app.test/hooks' }] } }

const emulator = createEmulator({ clock: 'virtual', transport, config })
emulator.subscribe((event) => { if (event.type === 'attempt') throw new Error('single: ' + event.type) })
let heard = 0
emulator.subscribe(() => heard++)
emulator.send(mail('ann@x.test'))
await emulator.runUntilIdle()

const isolated = createIsolatedEmulator({ clock: 'virtual', transport, config })
isolated.subscribe((event) => { if (event.type === 'message') throw new Error('isolated: ' + event.type) })
let heardIsolated = 0
isolated.subscribe((event) => { if (event.type === 'message') heardIsolated++ })
isolated.tenant('worker-1').send(mail('bob@x.test'))
await new Promise((resolve) => setTimeout(resolve, 0))
console.log(JSON.stringify({ rejections, heard, heardIsolated, deliveries: emulator.deliveries().map((d) => d.state) }))
await emulator.close()
await isolated.close()
`,
      )
      const tsx = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs')
      const child = spawn(process.execPath, [tsx, script], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk) => (out += chunk))
      child.stderr.on('data', (chunk) => (err += chunk))
      const code = await new Promise((done) => child.on('close', done))
      expect(err).toBe('')
      expect(code).toBe(0)
      expect(JSON.parse(out)).toEqual({
        rejections: ['single: attempt', 'single: attempt', 'isolated: message'],
        // message, Submitted and Delivered receipts, and two attempts
        heard: 5,
        heardIsolated: 1,
        deliveries: ['delivered', 'delivered'],
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
