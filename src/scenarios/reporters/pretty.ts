/**
 * @module The console report: a line per step, the diff under a failed step, and a summary.
 */
import type { ScenarioResult } from '../run-scenario.js'

/** Options of the console reporters. */
export interface PrettyOptions {
  color: boolean
}

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
    result.file,
    result.mode === 'target' ? 'against --target' : undefined,
    result.status === 'skipped' ? undefined : ms(result.durationMs),
  ]
    .filter(Boolean)
    .join(', ')
  const mark = result.status === 'passed' ? green('✓') : result.status === 'failed' ? red('✗') : dim('-')
  const lines = [`${mark} ${result.name}${where ? dim(`  (${where})`) : ''}`]
  if (result.status === 'skipped') lines.push(dim(`    skipped: ${result.reason ?? ''}`))
  else if (result.reason) lines.push(...result.reason.split('\n').map((line) => red(`    ${line}`)))
  for (const note of result.notes) lines.push(dim(`    note: ${note}`))
  for (const step of result.steps) {
    const n = String(step.index + 1).padStart(2)
    if (step.status === 'passed') lines.push(`  ${green('✓')} ${n} ${step.label}`)
    else if (step.status === 'failed')
      lines.push(
        `  ${red('✗')} ${n} ${step.label}`,
        ...step.problems.flatMap((p) => p.split('\n')).map((line) => `        ${line}`),
      )
    else lines.push(dim(`  · ${n} ${step.label} (not run)`))
  }
  return lines.join('\n')
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
  const lines = [paint(color, failed.length > 0 ? 31 : 32, summary)]
  for (const result of failed)
    lines.push(paint(color, 31, `  ✗ ${result.name}${result.file ? `  (${result.file})` : ''}`))
  return lines.join('\n')
}
