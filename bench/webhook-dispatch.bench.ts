/**
 * @module Webhook dispatch: receipts delivered per second to a local sink, against a plain loop of
 * keep-alive POSTs of the same body to the same sink at the same concurrency (the emulator's own
 * per-target limit, as observed), with the same client (node:http, keep-alive), from the same process. The worker runs on the
 * server core, the sink on the client core; the two are interleaved over rounds.
 */
import { startChild } from './lib/child.js'
import { type BenchResult, median, result } from './measure.js'

const messages = 1000
const rounds = 3

export async function run(): Promise<BenchResult[]> {
  const sink = await startChild('http-server', ['sink'], { core: 1 })
  const worker = await startChild('dispatch-worker', [`http://127.0.0.1:${sink.ready.port}/webhooks`], { core: 0 })
  try {
    const ours: number[] = []
    const plain: number[] = []
    // A short first round warms up the JIT and the connection pool.
    for (let round = -1; round < rounds; round++) {
      const n = messages
      const emulated = await worker.call<{ ms: number; receipts: number; peakInFlight: number }>('emulator', n)
      const loop = await worker.call<{ ms: number }>('plain', {
        posts: emulated.receipts,
        concurrency: emulated.peakInFlight,
      })
      if (round < 0) continue
      ours.push((emulated.receipts / emulated.ms) * 1000)
      plain.push((emulated.receipts / loop.ms) * 1000)
    }
    const value = median(ours)
    const baseline = median(plain)
    return [
      result({
        name: `webhook dispatch: ${messages * 2} receipts due at once`,
        value,
        unit: 'receipts/s',
        baseline,
        baselineName: 'plain POST loop',
        target: 'ratio ≥ 0.7',
        met: value / baseline >= 0.7,
      }),
    ]
  } finally {
    await Promise.all([worker.stop(), sink.stop()])
  }
}
