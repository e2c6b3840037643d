/**
 * @module Reads a scenario file — YAML (.yaml, .yml) or JSON (.json) — and validates it, with
 * errors that give the file, the line and the field.
 */
import { LineCounter, parseDocument } from 'yaml'
import { EmulatorError } from '../core/kernel/errors.js'
import { formatPath } from '../core/kernel/zod-issues.js'
import { readUserFile } from '../runtime/read-user-file.js'
import { describeIssues, validateScenario } from './define-scenario.js'
import type { Scenario } from './schema.js'

/**
 * Reads and validates a YAML or JSON scenario file; errors name the file, the line and the field.
 * @example
 * import { loadScenarioFile } from 'webex-connect-emulator/scenarios'
 *
 * const scenario = await loadScenarioFile('scenarios/already-bounced-and-expiry.yaml')
 * scenario.steps.length
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseScenarioText(await readUserFile(path, 'scenario file'), path)
}

/**
 * Parses YAML or JSON text (JSON is YAML) into a validated scenario; `path` names it in errors.
 * For scenarios that do not live in a file.
 * @example
 * import { parseScenarioText } from 'webex-connect-emulator/scenarios'
 *
 * const scenario = parseScenarioText('name: smoke\nsteps:\n  - advance: 1s\n', 'inline.yaml')
 */
export function parseScenarioText(text: string, path: string): Scenario {
  const lineCounter = new LineCounter()
  // JSON is a subset of YAML 1.2, so one parser serves both and gives line numbers for both.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true })
  if (document.errors.length > 0) {
    throw new EmulatorError(
      'invalid_config',
      `Scenario file ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${document.errors[0]!.message}`,
    )
  }
  const { scenario, issues } = validateScenario(document.toJS())
  if (scenario) return scenario
  const locate = (issuePath: PropertyKey[]) => {
    for (let length = issuePath.length; length >= 0; length--) {
      const node = document.getIn(issuePath.slice(0, length), true) as { range?: [number, number, number] } | undefined
      if (node?.range) return ` (line ${lineCounter.linePos(node.range[0]).line})`
    }
    return ''
  }
  throw new EmulatorError(
    'invalid_config',
    `Invalid scenario file ${path}:\n${describeIssues(issues, locate)}`,
    formatPath(issues[0]?.path ?? []),
  )
}
