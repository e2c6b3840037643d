/**
 * @module Send throughput over real HTTP. Servers in their own process on the server core — the
 * emulator with no webhook target (receipts recorded only: its own cost per request), the emulator
 * with one target (every receipt POSTed to a sink on the client core), the same store-only
 * emulator answering SMS sends, a bare hono app on the same @hono/node-server that parses the same
 * JSON and answers 201, the floor model (lib/floor-model.ts: the least work a faithful send does)
 * behind that same hono, that bare app also making the two POSTs per request over the emulator's
 * client, and the aws-ses-v2-local peer on its SendEmail route — loaded in turn by the same
 * autocannon client, interleaved over several rounds so drift on a shared machine hits all alike.
 */
import type { Child } from './lib/child.js'
import { startChild } from './lib/child.js'
import { load } from './lib/load.js'
import { sendBody, sendHeaders, sesBody, sesHeaders, sesPath, smsSendBody } from './lib/requests.js'
import { type BenchResult, median, result, waitFor } from './measure.js'

const rounds = Number(process.env.BENCH_SEND_ROUNDS ?? 3)
const seconds = 3
const connections = 10

/** Lets the emulator finish its webhooks (Delivered fires 1.5 s after the last send) before the next run. */
async function drain(emulator: Child): Promise<void> {
  await waitFor(
    'the emulator to deliver every webhook',
    async () => {
      const stats = await emulator.call<{ pendingTimers: number; inFlight: number }>('stats')
      return stats.pendingTimers === 0 && stats.inFlight === 0
    },
    { everyMs: 100 },
  )
}

export async function run(): Promise<BenchResult[]> {
  const sink = await startChild('http-server', ['sink'], { core: 1 })
  const config = { webhooks: { targets: [{ url: `http://127.0.0.1:${sink.ready.port}/webhooks` }] } }
  const sinkUrl = `http://127.0.0.1:${sink.ready.port}/bare`
  const [emulator, store, bare, floor, bareWebhooks, ses] = [
    await startChild('http-server', ['emulator', JSON.stringify(config)]),
    await startChild('http-server', ['emulator', '{}']),
    await startChild('http-server', ['bare']),
    await startChild('http-server', ['floor']),
    await startChild('http-server', ['bare-webhooks', JSON.stringify({ sinkUrl })]),
    await startChild('http-server', ['ses']),
  ]
  const url = (child: Child, path = '/v2/messages') => `http://127.0.0.1:${child.ready.port}${path}`
  const targets = {
    bare: { url: url(bare), body: sendBody(), headers: {}, server: bare },
    floor: { url: url(floor), body: sendBody(), headers: sendHeaders, server: floor },
    store: { url: url(store), body: sendBody(), headers: sendHeaders, server: store },
    storeSms: { url: url(store), body: smsSendBody(), headers: sendHeaders, server: store },
    emulator: { url: url(emulator), body: sendBody(), headers: sendHeaders, server: emulator },
    bareWebhooks: { url: url(bareWebhooks), body: sendBody(), headers: {}, server: bareWebhooks },
    ses: { url: url(ses, sesPath), body: sesBody, headers: sesHeaders, server: ses },
  }
  type Name = keyof typeof targets
  const order = Object.keys(targets) as Name[]
  try {
    let accepted = 0
    const rps = Object.fromEntries(order.map((name) => [name, [] as number[]])) as Record<Name, number[]>
    // The server's CPU time per answered request, its lifecycle's later work included (measured to
    // the end of the drain): unlike req/s, it does not depend on how much CPU the load generator got.
    const cpuPerRequest = Object.fromEntries(order.map((name) => [name, [] as number[]])) as Record<Name, number[]>
    // Round -1 is a short warm-up (JIT, connection pools), not counted.
    for (let round = -1; round < rounds; round++) {
      const duration = round < 0 ? 2 : seconds
      for (const name of order) {
        const { url: target, server, ...request } = targets[name]
        const cpuBefore = await server.call<number>('cpu')
        const measured = await load(target, { ...request, seconds: duration, connections })
        if (name === 'emulator') accepted += measured.rps * duration
        // Its lifecycles (and webhooks) finish before the next server is loaded on the same core.
        if (server === emulator || server === store) await drain(server)
        // Let the bare app's delayed Delivered POSTs, and the floor model's Delivered receipts, land
        // before the next server is loaded on the same core: their CPU then counts as theirs, as the
        // emulator's drain counts its lifecycle's, not as the next server's.
        if (name === 'bareWebhooks' || name === 'floor') await new Promise((resolve) => setTimeout(resolve, 1_700))
        const cpuUsed = (await server.call<number>('cpu')) - cpuBefore
        if (round >= 0) cpuPerRequest[name].push(cpuUsed / measured.answered)
        if (round >= 0) rps[name].push(measured.rps)
      }
    }
    // Every accepted send (email or SMS) produced a Submitted and a Delivered receipt at the sink (rps × duration
    // undercounts a little: answers still in flight when autocannon stops are not counted).
    const received = (await sink.call<{ byPath: Record<string, number> }>('countByPath')).byPath['/webhooks'] ?? 0
    if (received < accepted * 2 * 0.98)
      throw new Error(
        `the sink got ${received} webhooks for about ${Math.round(accepted)} accepted sends (expected 2 each)`,
      )
    const m = Object.fromEntries(order.map((name) => [name, median(rps[name])])) as Record<Name, number>
    const cpuMedian = Object.fromEntries(order.map((name) => [name, median(cpuPerRequest[name])])) as Record<
      Name,
      number
    >
    process.stdout.write(
      `  send rounds (req/s): ${order.map((name) => `${name} ${rps[name].map(Math.round).join('/')}`).join('; ')}\n`,
    )
    process.stdout.write(
      `  server CPU per request (µs): ${order.map((name) => `${name} ${cpuPerRequest[name].map(Math.round).join('/')}`).join('; ')}\n`,
    )
    return [
      result({
        name: 'send, store-only: POST /v2/messages, 1 recipient, no webhook target',
        value: m.store,
        unit: 'req/s',
        baseline: m.bare,
        baselineName: 'bare hono',
        target: 'ratio ≥ 0.8',
        met: m.store / m.bare >= 0.8,
      }),
      result({
        name: 'send, store-only: the floor model (lib/floor-model.ts) behind the same hono',
        value: m.floor,
        unit: 'req/s',
        baseline: m.bare,
        baselineName: 'bare hono',
        target: 'what ratio ≥ 0.8 leaves',
      }),
      result({
        name: 'send, store-only, vs peer: aws-ses-v2-local SendEmail',
        value: m.store,
        unit: 'req/s',
        baseline: m.ses,
        baselineName: 'aws-ses-v2-local',
        target: 'ratio ≥ 3',
        met: m.store / m.ses >= 3,
      }),
      result({
        name: 'send, store-only, SMS: POST /v2/messages channel sms, 1 number, 2 parts',
        value: m.storeSms,
        unit: 'req/s',
        baseline: m.bare,
        baselineName: 'bare hono (the email JSON)',
        target: 'ratio ≥ 0.8',
        met: m.storeSms / m.bare >= 0.8,
      }),
      result({
        name: 'send, store-only: server CPU per request (lifecycle included)',
        value: cpuMedian.store,
        unit: 'µs',
        baseline: cpuMedian.bare,
        baselineName: 'bare hono',
        target: 'lower is better',
      }),
      result({
        name: "send, store-only: the floor model's server CPU per request",
        value: cpuMedian.floor,
        unit: 'µs',
        baseline: cpuMedian.bare,
        baselineName: 'bare hono',
        target: 'lower is better',
      }),
      result({
        name: 'send with one webhook target (2 POSTs per send)',
        value: m.emulator,
        unit: 'req/s',
        baseline: m.bare,
        baselineName: 'bare hono, store-only',
        target: 'ratio ≥ 0.5',
        met: m.emulator / m.bare >= 0.5,
      }),
      result({
        name: 'send with one webhook target vs the same I/O',
        value: m.emulator,
        unit: 'req/s',
        baseline: m.bareWebhooks,
        baselineName: 'bare hono posting 2 receipts (undici)',
      }),
      result({
        name: 'send with one webhook target: server CPU per request (its 2 POSTs included)',
        value: cpuMedian.emulator,
        unit: 'µs',
        baseline: cpuMedian.bareWebhooks,
        baselineName: 'bare hono posting 2 receipts (undici)',
        target: 'lower is better',
      }),
    ]
  } finally {
    await Promise.all([emulator, store, bare, floor, bareWebhooks, ses, sink].map((child) => child.stop()))
  }
}
