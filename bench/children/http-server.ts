/**
 * @module One HTTP server for the load tests, in its own process: `emulator` (the real thing, as
 * `npm start` runs it), `bare` (hono on the same @hono/node-server, parsing the JSON and answering
 * 201 — the floor for any hono app), `ses` (the aws-ses-v2-local peer) or `sink` (a webhook
 * receiver that counts POSTs and answers 200).
 * `bare-webhooks` is `bare` plus two webhook POSTs per request to `{"sinkUrl"}`, over the same
 * client the emulator uses (undici's pools, `dispatch` with a callback handler). `floor` is the floor
 * model (lib/floor-model.ts) behind the same hono, store-only.
 * Usage: http-server.ts <kind> [config JSON for the emulator, or {"sinkUrl"}]
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Agent } from 'undici'
import { importMeasured } from '../lib/built.js'
import { answer } from '../lib/child.js'
import { createFloorModel, createVendorAnswerHeaders } from '../lib/floor-model.js'

const [kind = 'bare', configJson = '{}'] = process.argv.slice(2)

/** This process's CPU time so far, user and system, in µs: what a request costs the server, whoever is starved. */
const cpu = () => {
  const { user, system } = process.cpuUsage()
  return user + system
}

/**
 * A bare hono app answering 201, with node-server set up as the emulator's CLI sets it up. Given a
 * sink URL, it also POSTs two small JSON bodies there per request (one now, one 1.5 s later) over
 * undici keep-alive pools: the same I/O as the emulator's Submitted and Delivered webhooks, nothing else.
 */
async function listenBare(sinkUrl?: string): Promise<number> {
  const agent = new Agent({ connections: 16, keepAliveTimeout: 4_000 })
  const url = sinkUrl ? new URL(sinkUrl) : undefined
  // Answers are read and dropped; undici needs every callback of its handler API to call none.
  const handler = {
    onRequestStart: () => {},
    onResponseStart: () => {},
    onResponseData: () => {},
    onResponseEnd: () => {},
    onResponseError: () => {},
  }
  const post = (payload: string) =>
    agent.dispatch(
      {
        origin: url!.origin,
        path: url!.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      },
      handler,
    )
  const app = new Hono().post('/v2/messages', async (c) => {
    const body = (await c.req.json()) as { to?: Array<{ correlationId?: string; email?: string[] }> }
    const messageId = randomUUID()
    if (sinkUrl) {
      const receipt = (status: string) =>
        JSON.stringify({
          deliveryInfoNotification: {
            deliveryInfo: { deliveryStatus: status, destination: body.to?.[0]?.email?.[0] },
            transid: messageId,
          },
        })
      post(receipt('Submitted'))
      setTimeout(() => post(receipt('Delivered')), 1_500)
    }
    return c.json(
      {
        requestTimestamp: new Date().toISOString(),
        messageId,
        correlationId: body.to?.[0]?.correlationId ?? '',
        status: 'queued',
      },
      201,
    )
  })
  return new Promise((resolve) =>
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: true }, (info) =>
      resolve(info.port),
    ),
  )
}

/**
 * The floor model (lib/floor-model.ts) behind the same hono and node-server, store-only on the real
 * clock: the caller's key checked, the body parsed and sent, the vendor's 201 answered with its six
 * headers as the emulator answers it (a `Response` made from the header object, src/http/vendor-json.ts).
 */
async function listenFloor(): Promise<number> {
  const floor = createFloorModel({ clock: 'real' })
  const headers = createVendorAnswerHeaders()
  const app = new Hono().post('/v2/messages', async (c) => {
    if (!c.req.header('key')) return c.json({ code: '7001', message: 'Unauthorized' }, 401)
    try {
      return new Response(JSON.stringify(floor.send(await c.req.json())), { status: 201, headers: headers() })
    } catch {
      return c.json({ code: '7004', message: 'Invalid parameter' }, 400)
    }
  })
  return new Promise((resolve) =>
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: true }, (info) =>
      resolve(info.port),
    ),
  )
}

async function listenSes(): Promise<number> {
  // CommonJS package: its server factory is `exports.default`.
  type Start = (config: object) => Promise<import('node:http').Server>
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } }
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default
  const server = await start({ host: '127.0.0.1', port: 0 })
  return (server.address() as AddressInfo).port
}

function listenSink(): Promise<{ port: number; count: () => number; byPath: Record<string, number> }> {
  let received = 0
  const byPath: Record<string, number> = {}
  const server = createServer((req, res) => {
    req
      .on('data', () => {})
      .on('end', () => {
        if (req.method === 'POST') {
          received++
          byPath[req.url ?? '/'] = (byPath[req.url ?? '/'] ?? 0) + 1
        }
        res.end()
      })
  })
  server.keepAliveTimeout = 60_000
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as AddressInfo).port, count: () => received, byPath }),
    ),
  )
}

if (kind === 'emulator') {
  // Loaded only here, so the sink and the baselines start fast and do not depend on src/. The
  // build when it is current (lib/built.ts), set up as the CLI runs it: this process is nothing but
  // the emulator, so node-server may use its lighter Request/Response.
  const { startServer } = (await importMeasured('http/serve.js')) as typeof import('../../src/http/serve.js')
  const { createEmulator } = (await importMeasured(
    'runtime/create-emulator.js',
  )) as typeof import('../../src/runtime/create-emulator.js')
  const emulator = createEmulator({ config: JSON.parse(configJson), clock: 'real' })
  const server = await startServer(emulator, { port: 0, overrideGlobalObjects: true })
  answer({ port: server.port }, { stats: () => emulator.stats(), cpu })
} else if (kind === 'sink') {
  const sink = await listenSink()
  answer({ port: sink.port }, { count: () => sink.count(), countByPath: () => ({ byPath: sink.byPath }) })
} else if (kind === 'ses') {
  answer({ port: await listenSes() }, { cpu })
} else if (kind === 'floor') {
  answer({ port: await listenFloor() }, { cpu })
} else if (kind === 'bare-webhooks') {
  answer({ port: await listenBare(JSON.parse(configJson).sinkUrl as string) }, { cpu })
} else {
  answer({ port: await listenBare() }, { cpu })
}
