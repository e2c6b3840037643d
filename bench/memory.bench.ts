/**
 * @module Memory over a long run: RSS after up to 1,000,000 accepted messages with default caps
 * (10,000 messages, 20,000 deliveries), against the same process's RSS before the first send; and
 * flatness, the live heap at the end against halfway (past the caps, a flat line is a ratio of ~1).
 * Time-boxed so `npm run bench` stays short: the row says how many messages were reached.
 */
import { startChild } from './lib/child.js'
import { type BenchResult, result } from './measure.js'

const total = 1_000_000
const budgetMs = Number(process.env.BENCH_MEMORY_BUDGET_MS ?? 45_000)

interface Sample {
  sent: number
  rssMb: number
  heapTotalMb: number
  heapUsedMb: number
}

export async function run(): Promise<BenchResult[]> {
  const worker = await startChild('memory-worker', [String(total), '20000', String(budgetMs)], {
    core: 0,
    nodeFlags: ['--expose-gc'],
  })
  try {
    const { before, samples, sent, ms } = await worker.call<{
      before: Omit<Sample, 'sent'>
      samples: Sample[]
      sent: number
      ms: number
    }>('run')
    const last = samples.at(-1)!
    const half = samples.find((s) => s.sent >= sent / 2) ?? last
    // Least-squares slope over the second half, in MB per 100,000 messages.
    const tail = samples.filter((s) => s.sent >= half.sent)
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const mx = mean(tail.map((s) => s.sent))
    // Flatness is judged on the live heap after a full GC: RSS also holds allocator slack that V8
    // hands back when it pleases, which makes it wander by tens of MB between runs.
    const my = mean(tail.map((s) => s.heapUsedMb))
    const slope =
      tail.length < 2
        ? 0
        : (tail.reduce((a, s) => a + (s.sent - mx) * (s.heapUsedMb - my), 0) /
            tail.reduce((a, s) => a + (s.sent - mx) ** 2, 0)) *
          100_000
    const reached =
      sent >= total ? '1,000,000' : `${sent.toLocaleString('en-US')} of 1,000,000 (time-boxed ${budgetMs / 1000} s)`
    process.stdout.write(
      `  memory: ${sent} sends in ${Math.round(ms)} ms; before ${before.rssMb} MB RSS / ${before.heapUsedMb} MB heap; ` +
        `end ${last.rssMb} MB RSS / ${last.heapTotalMb} MB heap committed / ${last.heapUsedMb} MB heap used; slope ${slope.toFixed(2)} MB per 100k\n`,
    )
    return [
      result({
        name: `memory: RSS after ${reached} sends`,
        value: last.rssMb,
        unit: 'MB',
        baseline: before.rssMb,
        baselineName: 'same process before sending',
        target: '≤ 250 MB',
        met: last.rssMb <= 250,
      }),
      result({
        name: `memory: flat? live heap at the end vs halfway (slope ${slope.toFixed(1)} MB/100k sends)`,
        value: last.heapUsedMb,
        unit: 'MB',
        baseline: half.heapUsedMb,
        baselineName: `heap at ${half.sent.toLocaleString('en-US')} sends`,
        target: 'slope ≤ 1 MB/100k',
        met: slope <= 1,
      }),
    ]
  } finally {
    await worker.stop()
  }
}
