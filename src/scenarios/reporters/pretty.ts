/**
 * @module The console report: a line per step, the diff under a failed step, and a summary.
 */
import type { ScenarioResult } from '../run-scenario.js'

/** Options of the console reporters. */
export interface PrettyOptions {
  color: boolean
}

/**
 * Control characters (ANSI escapes, a newline, a carriage return) and bidi controls (U+202E turns
 * the rest of a line around) from a scenario file or an answer could forge or hide report lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Text from a scenario or an answer, with those characters shown as JSON escapes ("\u001b", "\n"). */
const visible = (text: string) =>
  text.replace(invisible, (c) => {
    const json = JSON.stringify(c).slice(1, -1)
    return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
const lines = (text: string) => text.split('\n').map(visible)

const paint = (on: boolean, code: number, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text)
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`)

/**
 * A result as the `run` command prints it: a line per step, the diff under a failed step.
 * @example
 * import { formatScenarioResult, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * console.log(formatScenarioResult(await runScenario('scenarios/delivered.yaml'), { color: true }))
 */
export function formatScenarioResult(result: ScenarioResult, { color }: PrettyOptions): string {
  const green = (t: string) => paint(color, 32, t)
  const red = (t: string) => paint(color, 31, t)
  const dim = (t: string) => paint(color, 2, t)
  const where = [
    result.file === undefined ? undefined : visible(result.file),
    result.mode === 'target' ? 'against --target' : undefined,
    result.status === 'skipped' ? undefined : ms(result.durationMs),
  ]
    .filter(Boolean)
    .join(', ')
  const mark = result.status === 'passed' ? green('✓') : result.status === 'failed' ? red('✗') : dim('-')
  const out = [`${mark} ${visible(result.name)}${where ? dim(`  (${where})`) : ''}`]
  if (result.status === 'skipped') out.push(dim(`    skipped: ${visible(result.reason ?? '')}`))
  else if (result.reason) out.push(...lines(result.reason).map((line) => red(`    ${line}`)))
  for (const note of result.notes) out.push(dim(`    note: ${visible(note)}`))
  for (const step of result.steps) {
    const n = String(step.index + 1).padStart(2)
    const label = visible(step.label)
    if (step.status === 'passed') out.push(`  ${green('✓')} ${n} ${label}`)
    else if (step.status === 'failed')
      out.push(`  ${red('✗')} ${n} ${label}`, ...step.problems.flatMap(lines).map((line) => `        ${line}`))
    else out.push(dim(`  · ${n} ${label} (not run)`))
  }
  return out.join('\n')
}

/**
 * The closing line of a run ("17 scenarios: 16 passed, 0 failed, 1 skipped (0.61 s)") and the
 * failed scenarios' names.
 * @example
 * import { formatSummary, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * const started = performance.now()
 * const results = [await runScenario('scenarios/delivered.yaml')]
 * console.log(formatSummary(results, performance.now() - started, { color: false }))
 */
export function formatSummary(
  results: readonly ScenarioResult[],
  durationMs: number,
  { color }: PrettyOptions,
): string {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length
  const failed = results.filter((r) => r.status === 'failed')
  const summary = `${results.length} scenario${results.length === 1 ? '' : 's'}: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped (${ms(durationMs)})`
  const out = [paint(color, failed.length > 0 ? 31 : 32, summary)]
  for (const result of failed)
    out.push(paint(color, 31, `  ✗ ${visible(result.name)}${result.file ? `  (${visible(result.file)})` : ''}`))
  return out.join('\n')
}
