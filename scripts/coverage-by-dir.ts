/**
 * After `npm run coverage`: sums coverage/coverage-summary.json (v8, src/ only) by top-level src/
 * directory and prints a Markdown table — the one CONTRIBUTING.md records.
 */
import { readFileSync } from 'node:fs'
import { relative, sep } from 'node:path'

type Metric = 'statements' | 'branches' | 'functions' | 'lines'
type Counts = Record<Metric, { total: number; covered: number }>
const metrics: Metric[] = ['statements', 'branches', 'functions', 'lines']

const summary: Record<string, Record<Metric, { total: number; covered: number }>> = JSON.parse(
  readFileSync('coverage/coverage-summary.json', 'utf8'),
)
const groups = new Map<string, Counts>()
const add = (name: string, counts: Counts) => {
  let sum = groups.get(name)
  if (!sum) groups.set(name, (sum = Object.fromEntries(metrics.map((m) => [m, { total: 0, covered: 0 }])) as Counts))
  for (const m of metrics) {
    sum[m].total += counts[m].total
    sum[m].covered += counts[m].covered
  }
}
for (const [file, counts] of Object.entries(summary)) {
  if (file === 'total') continue
  const parts = relative('src', file).split(sep)
  add(parts.length > 1 ? `src/${parts[0]}/` : 'src/*.ts', counts)
  if (parts[0] === 'core' && parts.length > 2) add(`src/core/${parts[1]}/`, counts)
}
const percent = ({ total, covered }: { total: number; covered: number }) =>
  total === 0 ? '—' : `${((100 * covered) / total).toFixed(1)} %`
const rows = [['all of src/', summary.total!] as const, ...[...groups].sort(([a], [b]) => a.localeCompare(b))]
process.stdout.write(`| | ${metrics.join(' | ')} |\n|---|${metrics.map(() => '---:').join('|')}|\n`)
for (const [name, counts] of rows)
  process.stdout.write(`| ${name} | ${metrics.map((m) => percent(counts[m])).join(' | ')} |\n`)
