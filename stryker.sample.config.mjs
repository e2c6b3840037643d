// StrykerJS over a uniform random sample of src/core/'s mutants (`npm run mutate:sample`): the core
// config (stryker.core.config.json) with `mutate` narrowed to the ranges that
// scripts/mutation-sample.ts picked, and an ignore-plugin that leaves only the picked mutants in them.
// Run with MUTATE_WIDE=1 (the npm script does) to judge them against the whole in-process suite.
import { existsSync, readFileSync } from 'node:fs'

const core = JSON.parse(readFileSync('stryker.core.config.json', 'utf8'))
// knip loads this file to find its plugins on a clean checkout, where no sample has been picked yet;
// a StrykerJS run without one fails: the ignore-plugin refuses to load (StrykerJS's warning names the
// missing file and the pick step), and StrykerJS stops, not finding it.
const samplePath = 'reports/mutation-sample/sample.json'
const { picked } = existsSync(samplePath) ? JSON.parse(readFileSync(samplePath, 'utf8')) : { picked: [] }

export default {
  ...core,
  mutate: picked.map((p) => `${p.file}:${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`),
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-sample-ignorer.mjs'],
  ignorers: ['sample-only'],
  incrementalFile: 'reports/mutation-sample/incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-sample/mutation.json' },
}
