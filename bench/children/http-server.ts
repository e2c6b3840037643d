/**
 * @module One HTTP server for the load tests, in its own process: `emulator` (the real thing, as
 * `npm start` runs it), `bare` (hono on the same @hono/node-server, parsing the JSON and answering
 * 201 — the floor for any hono app), `ses` (the aws-ses-v2-local peer) or `sink` (a webhook
 * receiver that counts POSTs and answers 200).
 * Usage: http-server.ts <kind> [config JSON for the emulator]
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { answer } from '../lib/child.js'

const [kind = 'bare', configJson = '{}'] = process.argv.slice(2)

async function listenBare(): Promise<number> {
  const app = new Hono().post('/v2/messages', async (c) => {
    const body = (await c.req.json()) as { to?: Array<{ correlationId?: string }> }
    return c.json({ requestTimestamp: new Date().toISOString(), messageId: randomUUID(), correlationId: body.to?.[0]?.correlationId ?? '', status: 'queued' }, 201)
  })
  return new Promise((resolve) => serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: false }, (info) => resolve(info.port)))
}

async function listenSes(): Promise<number> {
  // CommonJS package: its server factory is `exports.default`.
  type Start = (config: object) => Promise<import('node:http').Server>
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } }
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default
  const server = await start({ host: '127.0.0.1', port: 0 })
  return (server.address() as AddressInfo).port
}

function listenSink(): Promise<{ port: number; count: () => number }> {
  let received = 0
  const server = createServer((req, res) => {
    req.on('data', () => {}).on('end', () => {
      if (req.method === 'POST') received++
      res.end()
    })
  })
  server.keepAliveTimeout = 60_000
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, count: () => received })))
}

if (kind === 'emulator') {
  // Loaded only here, so the sink and the baselines start fast and do not depend on src/.
  const { startServer } = await import('../../src/http/serve.js')
  const { createRuntimeEmulator } = await import('../../src/runtime/create-runtime-emulator.js')
  const emulator = createRuntimeEmulator({ config: JSON.parse(configJson), clock: 'real' })
  const server = await startServer(emulator, { port: 0 })
  answer({ port: server.port }, { stats: () => emulator.stats() })
} else if (kind === 'sink') {
  const sink = await listenSink()
  answer({ port: sink.port }, { count: () => sink.count() })
} else if (kind === 'ses') {
  answer({ port: await listenSes() })
} else {
  answer({ port: await listenBare() })
}
