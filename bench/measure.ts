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
  /** What the baseline is, e.g. "bare hono". */
  baselineName?: string
  /** value / baseline: how we compare, since absolute numbers on shared machines are noise. */
  ratio: number
  /** Target, as the issue states it, for the table. */
  target?: string
  /** Whether the target is met, when there is one. */
  met?: boolean
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export interface ResultFields {
  name: string
  value: number
  unit: string
  baseline: number
  baselineName?: string
  target?: string
  met?: boolean
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100)

export function result({ name, value, unit, baseline, baselineName, target, met }: ResultFields): BenchResult {
  return {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ...(baselineName ? { baselineName } : {}),
    ratio: Math.round((value / baseline) * 100) / 100,
    ...(target ? { target } : {}),
    ...(met !== undefined ? { met } : {}),
  }
}

/** Polls `condition` every `everyMs` until it holds; throws after `withinMs`. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  { withinMs = 30_000, everyMs = 20 } = {},
): Promise<void> {
  const deadline = performance.now() + withinMs
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/**
 * Wall times in ms of each of `fns`, run in turn round after round (after `warmup` unmeasured
 * rounds), so drift on a shared machine hits them all alike.
 */
export async function interleavedTimesMs<K extends string>(
  fns: Record<K, () => Promise<void>>,
  { runs = 7, warmup = 2 } = {},
): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[]
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = -warmup; round < runs; round++) {
    for (const name of names) {
      const started = performance.now()
      await fns[name]()
      if (round >= 0) times[name].push(performance.now() - started)
    }
  }
  return times
}

/** The median of each of `interleavedTimesMs`'s lists. */
export async function interleavedMedianMs<K extends string>(
  fns: Record<K, () => Promise<void>>,
  timing: { runs?: number; warmup?: number } = {},
): Promise<Record<K, number>> {
  const times = await interleavedTimesMs(fns, timing)
  return Object.fromEntries(Object.entries<number[]>(times).map(([name, list]) => [name, median(list)])) as Record<
    K,
    number
  >
}

export function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}
