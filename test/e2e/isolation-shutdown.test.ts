// Closing a server of an isolated emulator stops every tenant as a single emulator stops: no new
// attempt, every tenant's event streams ended, in-flight attempts cut at the grace and recorded as
// interrupted — in each tenant, not only the first.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../src/http/serve.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { sseReader } from '../http/control/sse.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A receiver that never answers: every attempt to it stays in flight. */
async function silentReceiver() {
  const held: ServerResponse[] = []
  const server = createServer((_req, res) => held.push(res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held }
}

async function waitFor(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('closing the server of an isolated emulator', () => {
  it("ends every tenant's streams and interrupts every tenant's attempts within the grace", async () => {
    const receiver = await silentReceiver()
    const isolated = createIsolatedEmulator({ clock: 'real', config: { seed: 5 } })
    const server = await startServer(isolated, { port: 0 })
    let closed = false
    cleanups.push(() => (closed ? undefined : server.close(0)))
    const keys = ['worker-1', 'worker-2']
    const streams = await Promise.all(
      keys.map(async (key) => {
        const response = await fetch(`${server.url}/_emulator/events?tenant=${key}`)
        const reader = sseReader(response.body!)
        await reader.until((seen) => seen.some((e) => e.event === 'hello'))
        return reader
      }),
    )
    for (const key of keys) {
      const sent = await fetch(`${server.url}/v2/messages`, {
        method: 'POST',
        headers: { key, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'email',
          from: 'shop@x.test',
          to: [{ email: [`${key}@x.test`] }],
          content: { type: 'text', subject: 'Hi', text: 'Hi' },
          notifyUrl: `${receiver.url}/${key}`,
        }),
      })
      expect(sent.status).toBe(201)
    }
    await waitFor(() => receiver.held.length >= 2, 'an attempt in flight from each tenant')

    const started = Date.now()
    await server.close(300)
    closed = true
    expect(Date.now() - started).toBeLessThan(2_000)
    for (const [index, key] of keys.entries()) {
      const tenant = isolated.find(key)!
      expect(tenant.stats().interruptedDeliveries).toBeGreaterThan(0)
      const seen = await streams[index]!.until((all) => all.some((e) => e.event === 'shutdown'))
      expect(seen.at(-1)?.event).toBe('shutdown')
    }
    expect(() => isolated.tenant('late-comer')).toThrow(/shutting down/)
  })
})
