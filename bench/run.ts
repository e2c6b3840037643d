/**
 * @module `npm run bench`: runs every benchmark, prints a table and writes bench/results.json.
 * Pass names to run some: `npm run bench -- send fanout`. Every row is a ratio to a baseline
 * measured in the same run on the same machine; servers run in their own processes.
 */
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { measuredCode } from './lib/built.js'
import { pinSelf, placement } from './lib/child.js'
import type { BenchResult } from './measure.js'

const benchmarks: Record<string, () => Promise<{ run: () => Promise<BenchResult[]> }>> = {
  send: () => import('./send-throughput.bench.js'),
  dispatch: () => import('./webhook-dispatch.bench.js'),
  fanout: () => import('./fan-out.bench.js'),
  startup: () => import('./startup.bench.js'),
  msw: () => import('./msw-mode.bench.js'),
  memory: () => import('./memory.bench.js'),
}

const only = process.argv.slice(2)
const unknown = only.filter((name) => !(name in benchmarks))
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(benchmarks).join(', ')}\n`)
  process.exit(2)
}

pinSelf()
process.stdout.write(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}); ${placement}; measuring ${measuredCode}\n`,
)
const startedAt = performance.now()
const results: BenchResult[] = []
for (const [name, load] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue
  const started = performance.now()
  process.stdout.write(`running ${name}…\n`)
  results.push(...(await (await load()).run()))
  process.stdout.write(`  ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
}

const mark = (r: BenchResult) => (r.met === undefined ? '' : r.met ? ' ✓' : ' ✗')
const rows = results.map((r) => [
  r.name,
  `${r.value} ${r.unit}`,
  `${r.baseline} ${r.unit}${r.baselineName ? ` (${r.baselineName})` : ''}`,
  `${r.ratio}`,
  `${r.target ?? ''}${mark(r)}`,
])
const header = ['benchmark', 'ours', 'baseline', 'ratio', 'target']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
process.stdout.write(
  `\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`,
)
process.stdout.write(`\ntotal ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`)
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
