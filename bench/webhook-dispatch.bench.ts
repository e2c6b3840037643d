/**
 * @module Webhook dispatch: receipts delivered per second to a local sink, against a plain loop of
 * keep-alive POSTs of the same body to the same sink at the same concurrency (the emulator's own
 * per-target limit) with the same client (undici), from the same process. Beside it, the outbound
 * clients compared (decision 014): the same plain loop over undici, node:http and fetch, in this
 * process's CPU time per POST — the cost every webhook adds to a send — and the floor model
 * (lib/floor-model.ts) making, recording and posting the same receipts. The worker runs on the
 * server core, the sink on the client core; everything is interleaved over rounds.
 */
import type { ClientName } from './children/dispatch-worker.js'
import { startChild } from './lib/child.js'
import { type BenchResult, median, result } from './measure.js'

const messages = 1000
const rounds = Number(process.env.BENCH_DISPATCH_ROUNDS ?? 5)
/**
 * Rounds run first and not counted: the emulator's code takes four or five rounds of 2,000 receipts
 * to settle (265, 76, 40, 44, 23 µs a receipt, bench/PROFILE.md), the plain loop's one. The row
 * compares the two settled.
 */
const warmup = Number(process.env.BENCH_DISPATCH_WARMUP ?? 4)
const clients: ClientName[] = ['undici', 'node:http', 'fetch']

interface Timed {
  ms: number
  cpuUs: number
}

export async function run(): Promise<BenchResult[]> {
  const sink = await startChild('http-server', ['sink'], { core: 1 })
  const worker = await startChild('dispatch-worker', [`http://127.0.0.1:${sink.ready.port}/webhooks`], { core: 0 })
  try {
    const ours: number[] = []
    const floor: number[] = []
    const rate = Object.fromEntries(clients.map((c) => [c, [] as number[]])) as Record<ClientName, number[]>
    const cpuPerPost = Object.fromEntries(clients.map((c) => [c, [] as number[]])) as Record<ClientName, number[]>
    // The first rounds warm up the JIT and the connection pools.
    for (let round = -warmup; round < rounds; round++) {
      const emulated = await worker.call<Timed & { receipts: number; peakInFlight: number }>('emulator', messages)
      const floored = await worker.call<Timed & { receipts: number }>('floor', {
        messages,
        concurrency: emulated.peakInFlight,
      })
      if (floored.receipts !== emulated.receipts) throw new Error(`the floor model made ${floored.receipts} receipts`)
      for (const client of clients) {
        const loop = await worker.call<Timed>('plain', {
          client,
          posts: emulated.receipts,
          concurrency: emulated.peakInFlight,
        })
        if (round < 0) continue
        rate[client].push((emulated.receipts / loop.ms) * 1000)
        cpuPerPost[client].push(loop.cpuUs / emulated.receipts)
      }
      if (round >= 0) ours.push((emulated.receipts / emulated.ms) * 1000)
      if (round >= 0) floor.push((floored.receipts / floored.ms) * 1000)
    }
    process.stdout.write(
      `  dispatch rounds (receipts/s): emulator ${ours.map(Math.round).join('/')}; floor model ${floor.map(Math.round).join('/')}; ${clients
        .map(
          (c) =>
            `${c} ${rate[c].map(Math.round).join('/')} (${cpuPerPost[c].map(Math.round).join('/')} µs CPU per POST)`,
        )
        .join('; ')}\n`,
    )
    const value = median(ours)
    const baseline = median(rate.undici)
    const cpu = (client: ClientName) => median(cpuPerPost[client])
    return [
      result({
        name: `webhook dispatch: ${messages * 2} receipts due at once`,
        value,
        unit: 'receipts/s',
        baseline,
        baselineName: 'plain POST loop, same client (undici)',
        target: 'ratio ≥ 0.9',
        met: value / baseline >= 0.9,
      }),
      result({
        name: 'webhook dispatch: the floor model (lib/floor-model.ts), same receipts',
        value: median(floor),
        unit: 'receipts/s',
        baseline,
        baselineName: 'plain POST loop, same client (undici)',
        target: 'what ratio ≥ 0.9 leaves',
      }),
      result({
        name: 'outbound client: CPU per POST, undici dispatch vs node:http keep-alive',
        value: cpu('undici'),
        unit: 'µs',
        baseline: cpu('node:http'),
        baselineName: 'node:http',
        target: 'lower is better',
      }),
      result({
        name: 'outbound client: CPU per POST, undici dispatch vs fetch',
        value: cpu('undici'),
        unit: 'µs',
        baseline: cpu('fetch'),
        baselineName: 'fetch',
        target: 'lower is better',
      }),
    ]
  } finally {
    await Promise.all([worker.stop(), sink.stop()])
  }
}
