/**
 * After `npm run mutate:core` (or several runs over parts of src/core/, each with its own report):
 * reads StrykerJS JSON reports (mutation-testing-report-schema) and prints a Markdown table of
 * scores by directory, then the files under a score, weakest first — the tables CONTRIBUTING.md
 * records. Static mutants left out with `ignoreStatic` count as "ignored", as Stryker counts them.
 * Usage: tsx scripts/mutation-by-dir.ts [report.json …] (default: reports/mutation-core/mutation.json)
 */
import { readFileSync } from 'node:fs'

interface Report {
  files: Record<string, { mutants: Array<{ status: string }> }>
}
interface Counts {
  detected: number
  survived: number
  noCoverage: number
  ignored: number
}

const paths = process.argv.slice(2)
const reports = (paths.length ? paths : ['reports/mutation-core/mutation.json']).map(
  (path) => JSON.parse(readFileSync(path, 'utf8')) as Report,
)
const empty = (): Counts => ({ detected: 0, survived: 0, noCoverage: 0, ignored: 0 })
const byFile = new Map<string, Counts>()
for (const report of reports) {
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const counts = byFile.get(file) ?? empty()
    for (const { status } of mutants) {
      if (status === 'Killed' || status === 'Timeout') counts.detected++
      else if (status === 'Survived') counts.survived++
      else if (status === 'NoCoverage') counts.noCoverage++
      else counts.ignored++ // Ignored, CompileError, RuntimeError: not in the score
    }
    byFile.set(file, counts)
  }
}

const groups = new Map<string, Counts>()
const add = (name: string, c: Counts) => {
  const sum = groups.get(name) ?? empty()
  for (const key of Object.keys(c) as (keyof Counts)[]) sum[key] += c[key]
  groups.set(name, sum)
}
for (const [file, counts] of byFile) {
  const parts = file.replace(/^src\/core\//, '').split('/')
  add('all of src/core/', counts)
  add(
    parts.length === 1
      ? 'src/core/*.ts'
      : `src/core/${parts.slice(0, parts[0] === 'channels' && parts.length > 2 ? 2 : 1).join('/')}/`,
    counts,
  )
}

const score = (c: Counts) => c.detected / (c.detected + c.survived + c.noCoverage)
const covered = (c: Counts) => c.detected / (c.detected + c.survived)
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—')
const n = (x: number) => x.toLocaleString('en-US')
const row = (cells: string[]) => `| ${cells.join(' | ')} |`

console.log(row(['', 'score', 'of covered', 'killed + timed out', 'survived', 'no coverage', 'static (ignored)']))
console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']))
for (const [name, c] of [...groups].sort(([a], [b]) =>
  a === 'all of src/core/' ? -1 : b === 'all of src/core/' ? 1 : a.localeCompare(b),
))
  console.log(row([name, pct(score(c)), pct(covered(c)), n(c.detected), n(c.survived), n(c.noCoverage), n(c.ignored)]))

const under = Number(process.env.UNDER ?? 80) / 100
const weak = [...byFile].filter(([, c]) => score(c) < under).sort(([, a], [, b]) => score(a) - score(b))
if (weak.length) {
  console.log(`\nFiles under ${under * 100} %, weakest first:\n`)
  console.log(row(['file', 'score', 'survived', 'no coverage']))
  console.log(row(['---', '---:', '---:', '---:']))
  for (const [file, c] of weak)
    console.log(row([`\`${file.replace(/^src\/core\//, '')}\``, pct(score(c)), n(c.survived), n(c.noCoverage)]))
}
