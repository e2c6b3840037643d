/**
 * @module `webex-connect-emulator run <files, directories or globs…>`: runs scenarios in-process on
 * virtual time, or against a running emulator with --target; prints a line per step, a diff for a
 * failure and a summary; exits 1 when any scenario failed.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseDuration } from '../core/kernel/duration.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { findScenarioFiles } from '../scenarios/find-scenario-files.js'
import { formatJUnit } from '../scenarios/reporters/junit.js'
import { formatScenarioResult, formatSummary } from '../scenarios/reporters/pretty.js'
import { runScenario, type ScenarioResult } from '../scenarios/run-scenario.js'
import { cannotWrite, probeWritable } from '../state/write-json-file.js'
import { parseFlags } from './parse-flags.js'
import { formatDuration, waitForHealth } from './wait-for-health.js'

export const runUsage = `Usage: webex-connect-emulator run [options] <files, directories or globs…>
       webex-connect-emulator run --library [options] [more files…]

Runs scenario files (YAML or JSON; see "Scenarios" in the README). Each runs against a fresh
emulator in this process on virtual time, or with --target against a running emulator.

Options:
  --library             Also run the scenarios shipped with this package (one per documented behaviour)
  --target <url>        Run against a running emulator, e.g. http://127.0.0.1:4600 (its control API)
  --var <NAME=value>    Set a variable, used as \${NAME} (repeatable); \${env.NAME} reads the environment
  --key <key>           Service key for sends whose scenario sets none (default "scenario-key")
  --control-token <t>   The target's control token, if it was started with one
  --wait-for-target <d> How long to wait for --target to answer before failing (default 5s; 0: not at all)
  --reporter <name>     pretty (default) or junit
  --output <file>       Write the junit report to this file (the pretty report still goes to stdout)
  -h, --help            Show this help

Exit status: 0 when every scenario passed (or was skipped), 1 when any failed, 2 on bad usage or when
--target does not answer.
`

const options = {
  library: { type: 'boolean' },
  target: { type: 'string' },
  var: { type: 'string', multiple: true },
  key: { type: 'string' },
  'control-token': { type: 'string' },
  'wait-for-target': { type: 'string' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * The package's own scenarios/: two levels up from this file, both in the sources (src/cli/) and in
 * the CLI bundle (dist/cli-bundle/), so an installed project runs them without knowing where
 * node_modules put the package.
 */
export function libraryDirectory(): string {
  return fileURLToPath(new URL('../../scenarios/', import.meta.url))
}

function parseVars(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=')
      if (at <= 0) throw new EmulatorError('invalid_request', `--var expects NAME=value, got "${pair}"`)
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
}

/**
 * `start &` then `run --target` at once: the emulator may not listen yet. Wait for it briefly, saying
 * so, rather than failing every scenario with ECONNREFUSED.
 */
async function awaitTarget(target: string, waitMs: number): Promise<void> {
  const { ready, last } = await waitForHealth(target, {
    timeoutMs: waitMs,
    onWaiting: (why) =>
      process.stderr.write(
        `webex-connect-emulator: ${target} does not answer yet (${why}); waiting up to ${formatDuration(waitMs)} for it (--wait-for-target)\n`,
      ),
  })
  if (!ready)
    throw new EmulatorError(
      'invalid_request',
      `no emulator answers at ${target} after ${formatDuration(waitMs)} (last: ${last}): start one ("webex-connect-emulator start"), check --target, or wait longer with --wait-for-target`,
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
  const paths = values.library ? [libraryDirectory(), ...positionals] : positionals
  if (paths.length === 0)
    throw new EmulatorError(
      'invalid_request',
      'run needs scenario files, directories or globs, e.g. "run scenarios/", or --library for the shipped ones',
    )
  if (values.target && !/^https?:\/\//.test(values.target))
    throw new EmulatorError(
      'invalid_request',
      `--target expects a URL like http://127.0.0.1:4600, got "${values.target}"`,
    )
  const waitMs = parseDuration(values['wait-for-target'] ?? '5s')
  if (waitMs === undefined)
    throw new EmulatorError(
      'invalid_request',
      `--wait-for-target expects a duration such as 5s, got "${values['wait-for-target']}"`,
    )
  let files: string[]
  try {
    files = await findScenarioFiles(paths)
  } catch (error) {
    throw new EmulatorError('invalid_request', (error as Error).message)
  }

  // Checked before the scenarios run: a report that cannot be written must not look like a failed run.
  const output = values.output
  const reportAdvice = 'Create the directory or make it writable, or choose another --output'
  if (output)
    await probeWritable(output).catch((error: unknown) =>
      Promise.reject(cannotWrite('junit report', output, error, reportAdvice)),
    )
  const vars = parseVars(values.var ?? [])
  if (values.target && waitMs > 0) await awaitTarget(values.target.replace(/\/+$/, ''), waitMs)
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
    if (output)
      await writeFile(output, xml).catch((error: unknown) =>
        Promise.reject(cannotWrite('junit report', output, error, reportAdvice)),
      )
    else process.stdout.write(xml)
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0
}
