/**
 * @module JUnit XML for CI: one testcase per scenario, the step lines in system-out, the diff of a
 * failure in <failure>, skipped scenarios as <skipped>.
 */
import type { ScenarioResult } from '../run-scenario.js'

/** Control characters XML 1.0 cannot carry, even escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const xmlInvalid = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g

const escapeXml = (text: string) =>
  text
    .replace(xmlInvalid, '')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
const seconds = (ms: number) => (ms / 1000).toFixed(3)

function testcase(result: ScenarioResult): string {
  const classname = (result.file ?? 'scenario').replace(/\.(ya?ml|json)$/i, '').replace(/[\\/]/g, '.')
  const attributes = `name="${escapeXml(result.name)}" classname="${escapeXml(classname)}"${result.file ? ` file="${escapeXml(result.file)}"` : ''} time="${seconds(result.durationMs)}"`
  const failedStep = result.steps.find((s) => s.status === 'failed')
  const message = failedStep ? `step ${failedStep.index + 1} failed: ${failedStep.label}` : (result.reason ?? '')
  const body = [
    result.status === 'failed'
      ? `      <failure message="${escapeXml(message)}" type="ScenarioFailure">${escapeXml(result.report)}</failure>`
      : undefined,
    result.status === 'skipped' ? `      <skipped message="${escapeXml(result.reason ?? '')}"/>` : undefined,
    `      <system-out>${escapeXml(result.report)}</system-out>`,
  ].filter(Boolean)
  return `    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`
}

/**
 * JUnit XML for CI test reports: one testcase per scenario, the failed step's diff in <failure>.
 * @example
 * import { writeFile } from 'node:fs/promises'
 * import { formatJUnit, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * const results = [await runScenario('scenarios/delivered.yaml')]
 * await writeFile('scenarios.xml', formatJUnit(results, 0))
 */
export function formatJUnit(results: readonly ScenarioResult[], durationMs: number, timestamp = new Date()): string {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length
  const totals = `tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(durationMs)}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="webex-connect-emulator scenarios" ${totals}>`,
    `  <testsuite name="scenarios" ${totals} timestamp="${timestamp.toISOString()}">`,
    ...results.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
