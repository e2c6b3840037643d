/**
 * @module `webex-connect-emulator run <files, directories or globs…>`: runs scenarios in-process on
 * virtual time, or against a running emulator with --target; prints a line per step, a diff for a
 * failure and a summary; exits 1 when any scenario failed.
 */
import { writeFile } from 'node:fs/promises'
import { EmulatorError } from '../core/errors.js'
import { findScenarioFiles } from '../scenarios/find-scenario-files.js'
import { formatJUnit } from '../scenarios/reporters/junit.js'
import { formatScenarioResult, formatSummary } from '../scenarios/reporters/pretty.js'
import { runScenario, type ScenarioResult } from '../scenarios/run-scenario.js'
import { parseFlags } from './parse-flags.js'

export const runUsage = `Usage: webex-connect-emulator run [options] <files, directories or globs…>

Runs scenario files (YAML or JSON; see "Scenarios" in the README). Each runs against a fresh
emulator in this process on virtual time, or with --target against a running emulator.

Options:
  --target <url>        Run against a running emulator, e.g. http://127.0.0.1:4600 (its control API)
  --var <NAME=value>    Set a variable, used as \${NAME} (repeatable); \${env.NAME} reads the environment
  --key <key>           Service key for sends whose scenario sets none (default "scenario-key")
  --control-token <t>   The target's control token, if it was started with one
  --reporter <name>     pretty (default) or junit
  --output <file>       Write the junit report to this file (the pretty report still goes to stdout)
  -h, --help            Show this help

Exit status: 0 when every scenario passed (or was skipped), 1 when any failed, 2 on bad usage.
`

const options = {
  target: { type: 'string' },
  var: { type: 'string', multiple: true },
  key: { type: 'string' },
  'control-token': { type: 'string' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

function parseVars(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=')
      if (at <= 0) throw new EmulatorError('invalid_request', `--var expects NAME=value, got "${pair}"`)
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('run', argv, options, true)
  if (values.help) {
    process.stdout.write(runUsage)
    return 0
  }
  const reporter = values.reporter ?? 'pretty'
  if (reporter !== 'pretty' && reporter !== 'junit')
    throw new EmulatorError('invalid_request', `--reporter is "pretty" or "junit", not "${reporter}"`)
  if (positionals.length === 0)
    throw new EmulatorError('invalid_request', 'run needs scenario files, directories or globs, e.g. "run scenarios/"')
  if (values.target && !/^https?:\/\//.test(values.target))
    throw new EmulatorError(
      'invalid_request',
      `--target expects a URL like http://127.0.0.1:4600, got "${values.target}"`,
    )
  let files: string[]
  try {
    files = await findScenarioFiles(positionals)
  } catch (error) {
    throw new EmulatorError('invalid_request', (error as Error).message)
  }

  const vars = parseVars(values.var ?? [])
  // With junit and no --output, stdout is the XML; the human report moves to stderr.
  const human = reporter === 'junit' && !values.output ? process.stderr : process.stdout
  const color = human.isTTY === true && !process.env.NO_COLOR
  const started = performance.now()
  const results: ScenarioResult[] = []
  for (const file of files) {
    const result = await runScenario(file, {
      target: values.target,
      vars,
      key: values.key,
      controlToken: values['control-token'],
    })
    results.push(result)
    human.write(`${formatScenarioResult(result, { color })}\n`)
  }
  const duration = performance.now() - started
  human.write(`\n${formatSummary(results, duration, { color })}\n`)
  if (reporter === 'junit') {
    const xml = formatJUnit(results, duration)
    if (values.output) await writeFile(values.output, xml)
    else process.stdout.write(xml)
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0
}
