/**
 * @module Webhook dispatch, in its own process: the emulator on a real clock sped up so far that
 * every receipt is due at once, delivering over HTTP to a sink; and, in the same process, plain
 * loops of POSTs of the same body to the same sink at the same concurrency over each candidate
 * client — undici's pools through `dispatch` (what the emulator uses), `node:http` keep-alive
 * agents, and `fetch` — timed in wall time and in this process's CPU time per POST.
 * The floor model (lib/floor-model.ts) makes and records the same receipts and posts them the same way.
 * Usage: dispatch-worker.ts <sink URL>
 */
import { Agent as HttpAgent, request } from 'node:http'
import { Agent } from 'undici'
import { importMeasured } from '../lib/built.js'
import { answer } from '../lib/child.js'
import { createFloorModel, type FloorWebhook } from '../lib/floor-model.js'
import { sendBody } from '../lib/requests.js'

const [sinkUrl = ''] = process.argv.slice(2)
// The build when it is current (lib/built.ts), as the package runs it.
const { createEmulator } = (await importMeasured(
  'runtime/create-emulator.js',
)) as typeof import('../../src/runtime/create-emulator.js')
// 1.5 s of emulated delivery delay is 1.5 µs of wall time: Submitted and Delivered are due at once.
const emulator = createEmulator({
  clock: 'real',
  config: { speed: 1_000_000, webhooks: { targets: [{ url: sinkUrl }] } },
})
const sendRequest = JSON.parse(sendBody(1)) as object
const sink = new URL(sinkUrl)

/** CPU time (user + system) of this process, in µs, across `fn`. */
async function withCpu<T>(fn: () => Promise<T>): Promise<T & { ms: number; cpuUs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await fn()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { ...value, ms, cpuUs: used.user + used.system }
}

/** Sends `messages` one-recipient messages, then times until all 2 × messages receipts are delivered. */
async function viaEmulator(messages: number) {
  emulator.reset()
  let done = 0
  let failed = 0
  // The emulator's own per-target limit; the baseline loops get the same number of workers.
  const peakInFlight = emulator.config.webhooks.concurrencyPerTarget
  let finish = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const unsubscribe = emulator.subscribe((event) => {
    if (event.type !== 'attempt') return
    if (event.attempt.verdict === 'delivered') done++
    else failed++
    if (done + failed === messages * 2) finish()
  })
  for (let i = 0; i < messages; i++) emulator.send(sendRequest)
  const measured = await withCpu(async () => {
    await finished
    return {}
  })
  unsubscribe()
  if (failed > 0)
    throw new Error(
      `${failed} of ${messages * 2} webhooks failed: ${
        emulator
          .deliveries()
          .find((d) => d.state !== 'delivered')
          ?.attempts.at(-1)?.error
      }`,
    )
  return { ...measured, receipts: done, peakInFlight }
}

const headers = { 'content-type': 'application/json', 'user-agent': 'webex-connect-emulator' }

/** undici, as the emulator's transport uses it: `dispatch` with a callback handler, no streams. */
const undiciAgent = new Agent({ connections: 64, keepAliveTimeout: 4_000 })
const viaUndici = (body: string) =>
  new Promise<void>((resolve, reject) => {
    let status = 0
    undiciAgent.dispatch(
      { origin: sink.origin, path: sink.pathname, method: 'POST', headers, body },
      {
        onRequestStart: () => {},
        onResponseStart: (_controller, statusCode) => {
          status = statusCode
        },
        onResponseData: () => {},
        onResponseEnd: () => (status === 200 ? resolve() : reject(new Error(`sink answered ${status}`))),
        onResponseError: (_controller, error) => reject(error),
      },
    )
  })

/** node:http over a keep-alive agent (what the emulator used before decision 014). */
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 })
const viaNodeHttp = (body: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      sinkUrl,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: httpAgent,
      },
      (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`sink answered ${res.statusCode}`))))
      },
    )
    req.on('error', reject)
    req.end(body)
  })

/** fetch (what MSW mode uses, so test handlers see webhooks). */
const viaFetch = async (body: string) => {
  const response = await fetch(sinkUrl, { method: 'POST', headers, body, redirect: 'manual' })
  await response.text()
  if (response.status !== 200) throw new Error(`sink answered ${response.status}`)
}

const clients = { undici: viaUndici, 'node:http': viaNodeHttp, fetch: viaFetch }
export type ClientName = keyof typeof clients

/** `posts` POSTs of a real receipt body, `concurrency` at a time, each awaited in turn. */
function plainLoop({ client, posts, concurrency }: { client: ClientName; posts: number; concurrency: number }) {
  const body = emulator.deliveries()[0]?.body ?? '{}'
  const post = clients[client]
  let left = posts
  const worker = async () => {
    while (left-- > 0) await post(body)
  }
  return withCpu(async () => {
    await Promise.all(Array.from({ length: concurrency }, worker))
    return {}
  })
}

/**
 * The floor model (lib/floor-model.ts) doing the same: `messages` sent, then, timed, their receipts
 * built and recorded as deliveries and POSTed over undici at `concurrency`. What the emulator's
 * dispatch could cost at the least: the plain loop plus making each receipt and keeping its record.
 */
async function viaFloor({ messages, concurrency }: { messages: number; concurrency: number }) {
  const due: FloorWebhook[] = []
  const floor = createFloorModel({ clock: 'virtual', onWebhook: (webhook) => void due.push(webhook) })
  for (let i = 0; i < messages; i++) floor.send(sendRequest)
  let next = 0
  const worker = async () => {
    while (next < due.length) await viaUndici(due[next++]!.body)
  }
  return withCpu(async () => {
    floor.runUntilIdle()
    await Promise.all(Array.from({ length: concurrency }, worker))
    return { receipts: due.length }
  })
}

answer(
  {},
  {
    emulator: (n) => viaEmulator(n as number),
    floor: (arg) => viaFloor(arg as { messages: number; concurrency: number }),
    plain: (arg) => plainLoop(arg as { client: ClientName; posts: number; concurrency: number }),
  },
)
