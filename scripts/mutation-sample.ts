/**
 * A mutation score for all of src/core/ from a uniform random sample of its mutants, where a run over
 * every mutant with the whole suite would take most of a day on this project's 2-core machine.
 *
 *   tsx scripts/mutation-sample.ts pick [size] [seed]   lists every mutant StrykerJS would make in
 *     src/core/ (its own instrumenter, so the same mutants), picks `size` of them (default 400, seed
 *     2026, as in the run CONTRIBUTING records; other sources give another draw) with a seeded
 *     shuffle and writes reports/mutation-sample/sample.json, which stryker.sample.config.mjs turns
 *     into `mutate` ranges;
 *   tsx scripts/mutation-sample.ts score [report.json …]   reads the run's report(s), finds each
 *     picked mutant (file, position, mutator, replacement), and prints the score with a 95 % interval
 *     and the picked mutants that survived.
 * `npm run mutate:sample` does the three steps (pick, StrykerJS with MUTATE_WIDE=1, score).
 *
 * A range makes StrykerJS mutate every mutant inside it; scripts/stryker-sample-ignorer.mjs ignores
 * the ones that were not picked. Static mutants (module-level code) are left out by the config's
 * `ignoreStatic`, as in the other runs, and fall out of the sample's score.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Instrumenter } from '@stryker-mutator/instrumenter'
import { createRandom } from '../src/core/kernel/ids.js'

interface Picked {
  file: string
  /** 1-based line, 0-based column: what the `--mutate` range syntax takes. */
  start: { line: number; column: number }
  end: { line: number; column: number }
  mutatorName: string
  replacement: string
}

const samplePath = 'reports/mutation-sample/sample.json'

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

async function pick(size: number, seed: number): Promise<void> {
  const quiet = () => {}
  const logger = {
    isTraceEnabled: () => false,
    isDebugEnabled: () => false,
    isInfoEnabled: () => false,
    isWarnEnabled: () => true,
    isErrorEnabled: () => true,
    isFatalEnabled: () => true,
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: console.warn,
    error: console.error,
    fatal: console.error,
  }
  const files = sourcesUnder('src/core').map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true }))
  const { mutants } = await new Instrumenter(logger).instrument(files, {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
  })
  const all: Picked[] = mutants.map((m) => ({
    file: m.fileName,
    start: { line: m.location.start.line + 1, column: m.location.start.column },
    end: { line: m.location.end.line + 1, column: m.location.end.column },
    mutatorName: m.mutatorName,
    replacement: m.replacement,
  }))
  const random = createRandom(seed) // the core's seeded generator, so a sample can be drawn again
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swapped = all[i] as Picked
    all[i] = all[j] as Picked
    all[j] = swapped
  }
  const picked = all.slice(0, size)
  mkdirSync('reports/mutation-sample', { recursive: true })
  writeFileSync(samplePath, JSON.stringify({ seed, population: all.length, picked }, null, 1))
  console.log(`${all.length} mutants in ${files.length} files; ${picked.length} picked (seed ${seed}) → ${samplePath}`)
}

interface ReportMutant {
  mutatorName: string
  replacement: string
  status: string
  location: { start: { line: number; column: number }; end: { line: number; column: number } }
}

function score(reportPaths: string[]): void {
  const { population, picked } = JSON.parse(readFileSync(samplePath, 'utf8')) as {
    population: number
    picked: Picked[]
  }
  const byKey = new Map<string, string>()
  for (const path of reportPaths) {
    const report = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, { mutants: ReportMutant[] }> }
    for (const [file, { mutants }] of Object.entries(report.files))
      for (const m of mutants) {
        // The report's columns are 1-based, the ranges' 0-based.
        const { start, end } = m.location
        byKey.set(
          `${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1} ${m.mutatorName} ${m.replacement}`,
          m.status,
        )
      }
  }
  const counts = new Map<string, number>()
  const areas = new Map<string, { detected: number; scored: number }>()
  const survivors: string[] = []
  let missing = 0
  for (const p of picked) {
    const key = `${p.file}:${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`
    const status = byKey.get(`${key} ${p.mutatorName} ${p.replacement}`)
    if (status === undefined) {
      missing++
      continue
    }
    counts.set(status, (counts.get(status) ?? 0) + 1)
    if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status)) {
      const parts = p.file.replace(/^src\/core\//, '').split('/')
      const area = parts.length === 1 ? '*.ts' : parts.slice(0, parts[0] === 'channels' ? 2 : 1).join('/')
      const sum = areas.get(area) ?? { detected: 0, scored: 0 }
      sum.scored++
      if (status === 'Killed' || status === 'Timeout') sum.detected++
      areas.set(area, sum)
    }
    if (status === 'Survived' || status === 'NoCoverage')
      survivors.push(`${status} ${key} ${p.mutatorName}: ${p.replacement.replace(/\s+/g, ' ').slice(0, 80)}`)
  }
  const detected = (counts.get('Killed') ?? 0) + (counts.get('Timeout') ?? 0)
  const scored = detected + (counts.get('Survived') ?? 0) + (counts.get('NoCoverage') ?? 0)
  // Wilson's interval for a proportion, 95 %.
  const z = 1.96
  const p = detected / scored
  const centre = (p + (z * z) / (2 * scored)) / (1 + (z * z) / scored)
  const half = (z * Math.sqrt((p * (1 - p)) / scored + (z * z) / (4 * scored * scored))) / (1 + (z * z) / scored)
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`
  console.log(`population ${population} mutants, picked ${picked.length}, not in the report(s) ${missing}`)
  console.log(`by status: ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`)
  console.log(`score ${pct(p)} of ${scored} scored mutants (95 % interval ${pct(centre - half)}–${pct(centre + half)})`)
  console.log('\nby part of src/core/ (small counts: read them as a hint, not a score):')
  for (const [area, { detected, scored }] of [...areas].sort(([a], [b]) => a.localeCompare(b)))
    console.log(`  ${area.padEnd(20)} ${String(detected).padStart(4)} of ${String(scored).padStart(4)}`)
  if (survivors.length) console.log(`\n${survivors.join('\n')}`)
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'pick') await pick(Number(rest[0] ?? 400), Number(rest[1] ?? 2026))
else if (command === 'score') score(rest.length ? rest : ['reports/mutation-sample/mutation.json'])
else {
  console.error('usage: tsx scripts/mutation-sample.ts pick [size] [seed] | score [report.json …]')
  process.exit(2)
}
