/**
 * @module Shared benchmark plumbing: timing with warm-up and a median over runs, and the result row
 * every benchmark reports (`value` against a `baseline` measured in the same run).
 */

export interface BenchResult {
  name: string
  value: number
  unit: string
  /** The same measurement for the baseline, on this machine, in this run. */
  baseline: number
  /** value / baseline: how we compare, since absolute numbers on shared machines are noise. */
  ratio: number
  /** Target, as the issue states it, for the table. */
  target?: string
}

/** Median wall time in ms of `runs` runs of `fn`, after `warmup` unmeasured runs. */
export async function medianMs(fn: () => Promise<void>, { runs = 7, warmup = 2 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function result(name: string, value: number, baseline: number, unit: string, target?: string): BenchResult {
  const round = (n: number) => Math.round(n * 100) / 100
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline), ...(target ? { target } : {}) }
}
