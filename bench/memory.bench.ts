/**
 * @module Memory over a long run of up to 1,000,000 accepted messages with default caps (10,000
 * messages, 20,000 deliveries): RSS while it runs (the median of the second half, sampled after
 * every batch with no GC forced: what a server under this load holds) and once it is over (what it
 * settles to), against the same process's RSS before the first send; and flatness, the live heap
 * at the end against halfway (past the caps, a flat line is a ratio of ~1).
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
    const { before, samples, runningRssMb, settledRssMb, sent, ms } = await worker.call<{
      before: Omit<Sample, 'sent'>
      samples: Sample[]
      runningRssMb: number[]
      settledRssMb: number
      sent: number
      ms: number
    }>('run')
    const sorted = [...runningRssMb].sort((a, b) => a - b)
    const last = samples.at(-1)!
    const runningMedian = sorted[Math.floor(sorted.length / 2)] ?? last.rssMb
    const runningMax = sorted.at(-1) ?? runningMedian
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
        `running ${runningMedian} MB RSS (median of the second half, max ${runningMax}); ` +
        `end ${last.rssMb} MB RSS right after a full GC / ${last.heapTotalMb} MB heap committed / ${last.heapUsedMb} MB heap used; ` +
        `settled ${settledRssMb} MB RSS; slope ${slope.toFixed(2)} MB per 100k\n`,
    )
    return [
      result({
        name: `memory: RSS while running, ${reached} sends (median of the second half, max ${runningMax} MB)`,
        value: runningMedian,
        unit: 'MB',
        baseline: before.rssMb,
        baselineName: 'same process before sending',
        target: '≤ 250 MB',
        met: runningMedian <= 250,
      }),
      result({
        name: 'memory: RSS once the run is over (a second after its last full GC)',
        value: settledRssMb,
        unit: 'MB',
        baseline: before.rssMb,
        baselineName: 'same process before sending',
        target: '≤ 250 MB',
        met: settledRssMb <= 250,
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
