/**
 * @module `npm run bench`: runs every benchmark, prints a table and writes bench/results.json.
 * Pass names to run some: `npm run bench -- msw`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchResult } from './measure.js'

const benchmarks: Record<string, () => Promise<{ run: () => Promise<BenchResult[]> }>> = {
  msw: () => import('./msw-mode.bench.js'),
}

const only = process.argv.slice(2)
const results: BenchResult[] = []
for (const [name, load] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue
  process.stdout.write(`running ${name}…\n`)
  results.push(...(await (await load()).run()))
}

const rows = results.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit}`, `${r.ratio}`, r.target ?? ''])
const header = ['benchmark', 'ours', 'baseline', 'ratio', 'target']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
process.stdout.write(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`)
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
