/**
 * @module Runs one scenario: load it, check its requirements, set up a driver (in-process on
 * virtual time, or a running emulator with `target`), run its steps in order until one fails, and
 * report. Never throws for a scenario's own problems: they are in the result.
 */
import { basename } from 'node:path'
import type { ScenarioDriver } from './drivers/driver.js'
import { createHttpDriver } from './drivers/http-driver.js'
import { createInProcessDriver } from './drivers/in-process-driver.js'
import { createEmulatorClient } from './emulator-client.js'
import { loadScenarioFile } from './load-scenario-file.js'
import { formatScenarioResult } from './reporters/pretty.js'
import { type Scenario, type StepKind, stepKind } from './schema.js'
import { runStep } from './steps/run-step.js'
import { Variables } from './variables.js'

/** Options of `runScenario()`: where to run it, and its variables. */
export interface RunScenarioOptions {
  /** A running emulator's base URL; without it the scenario runs in-process on virtual time. */
  target?: string | undefined
  /** Variables (`--var NAME=value`), overriding the scenario's `vars`. */
  vars?: Record<string, string> | undefined
  /** `${env.NAME}` reads from here (default: process.env). */
  env?: Record<string, string | undefined> | undefined
  /** The target's control token, if it has one. */
  controlToken?: string | undefined
  /** Service key for sends that name none and have no `defaults.key` (default "scenario-key"). */
  key?: string | undefined
  /**
   * How long each request may take, answer included (30 s): `http` steps' requests, and with
   * `target` every request to the emulator.
   */
  requestTimeoutMs?: number | undefined
}

/** One step's outcome; `problems` holds the diff when it failed. */
export interface StepResult {
  index: number
  kind: StepKind
  label: string
  status: 'passed' | 'failed' | 'not run'
  durationMs: number
  /** Diff lines explaining a failure. */
  problems: string[]
}

/** What `runScenario()` resolves to; `report` is the readable text of it all. */
export interface ScenarioResult {
  name: string
  file: string | undefined
  status: 'passed' | 'failed' | 'skipped'
  /** Why it was skipped, or why it could not run (a bad file, an unreachable target). */
  reason: string | undefined
  mode: 'in-process' | 'target'
  notes: string[]
  steps: StepResult[]
  durationMs: number
  /** The whole result as text: a line per step and the diff of a failure. */
  report: string
}

function missingRequirement(scenario: Scenario, options: RunScenarioOptions, vars: Variables): string | undefined {
  if (scenario.requires?.target && !options.target) return 'needs a running emulator (--target http://host:port)'
  if (scenario.requires?.inProcess && options.target)
    return 'runs in-process only: its config cannot be applied to a running emulator'
  const missing = (scenario.requires?.vars ?? []).filter((name) => !vars.has(name))
  if (missing.length > 0)
    return `needs ${missing.map((name) => (name.startsWith('env.') ? `the environment variable ${name.slice(4)}` : `--var ${name}=…`)).join(', ')}`
  return undefined
}

function finish(partial: Omit<ScenarioResult, 'report'>): ScenarioResult {
  return { ...partial, report: formatScenarioResult({ ...partial, report: '' }, { color: false }) }
}

/**
 * Runs a scenario file (or a `defineScenario()` object), in-process on virtual time or against a
 * running emulator with `target`. Never throws for the scenario's own problems: a bad file, an
 * unreachable target or a failed step is in the result, so one test can report them all.
 * @example
 * import { runScenario } from 'webex-connect-emulator/scenarios'
 *
 * const result = await runScenario('scenarios/already-bounced-and-expiry.yaml')
 * expect(result.status, result.report).toBe('passed')
 */
export async function runScenario(
  source: string | Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const started = performance.now()
  const file = typeof source === 'string' ? source : undefined
  const mode = options.target ? 'target' : 'in-process'
  const base = { file, mode, notes: [] as string[], steps: [] as StepResult[] } as const
  let scenario: Scenario
  try {
    scenario = typeof source === 'string' ? await loadScenarioFile(source) : source
  } catch (error) {
    return finish({
      ...base,
      name: basename(file ?? 'scenario'),
      status: 'failed',
      reason: (error as Error).message,
      durationMs: performance.now() - started,
    })
  }

  const vars = new Variables(options.env ?? process.env)
  for (const [name, value] of Object.entries({ ...scenario.vars, ...options.vars })) vars.set(name, value)
  const skip = missingRequirement(scenario, options, vars)
  if (skip) return finish({ ...base, name: scenario.name, status: 'skipped', reason: skip, durationMs: 0 })

  let driver: ScenarioDriver
  try {
    const controlHeaders: Record<string, string> = options.controlToken
      ? { 'x-emulator-token': options.controlToken }
      : {}
    const timeout = options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }
    driver = options.target
      ? await createHttpDriver(scenario, options.target, { controlHeaders, ...timeout })
      : await createInProcessDriver(scenario, timeout)
  } catch (error) {
    return finish({
      ...base,
      name: scenario.name,
      status: 'failed',
      reason: (error as Error).message,
      durationMs: performance.now() - started,
    })
  }
  vars.set('receiver', driver.receiverUrl)
  vars.set('emulator', driver.emulatorUrl)

  const ctx = {
    scenario,
    driver,
    client: createEmulatorClient(driver),
    vars,
    seen: new Set<string>(),
    key: scenario.defaults?.key ?? options.key ?? 'scenario-key',
  }
  const steps: StepResult[] = []
  let failed = false
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const kind = stepKind(step)!
      if (failed) {
        steps.push({ index, kind, label: step.name ?? kind, status: 'not run', durationMs: 0, problems: [] })
        continue
      }
      const stepStarted = performance.now()
      try {
        const { label, problems } = await runStep(kind, step, ctx)
        failed = problems.length > 0
        steps.push({
          index,
          kind,
          label,
          status: failed ? 'failed' : 'passed',
          durationMs: performance.now() - stepStarted,
          problems,
        })
      } catch (error) {
        failed = true
        steps.push({
          index,
          kind,
          label: step.name ?? kind,
          status: 'failed',
          durationMs: performance.now() - stepStarted,
          problems: [(error as Error).message],
        })
      }
    }
  } finally {
    await driver.close().catch((error: unknown) => driver.notes.push(`cleaning up failed: ${(error as Error).message}`))
  }
  return finish({
    ...base,
    name: scenario.name,
    notes: driver.notes,
    status: failed ? 'failed' : 'passed',
    reason: undefined,
    steps,
    durationMs: performance.now() - started,
  })
}

/** Options of {@link assertScenarioPassed}. */
export interface AssertScenarioOptions {
  /**
   * Accept a scenario that was skipped (its `requires` not met: no --target, a missing --var).
   * Off by default, so a test whose scenario never ran fails instead of passing silently.
   */
  allowSkipped?: boolean
}

/**
 * Throws an Error whose message is the scenario's report unless it passed: the one-line assertion
 * for test runners without `expect`. A skipped scenario throws too, saying why it was skipped,
 * unless `{ allowSkipped: true }`.
 * @example
 * import { assertScenarioPassed, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * assertScenarioPassed(await runScenario('scenarios/delivered.yaml'))
 * // a scenario that needs --target may be skipped in-process, and that is fine here:
 * assertScenarioPassed(await runScenario('scenarios/apps/signup-app.yaml'), { allowSkipped: true })
 */
export function assertScenarioPassed(
  result: ScenarioResult,
  { allowSkipped = false }: AssertScenarioOptions = {},
): void {
  if (result.status === 'failed') throw new Error(`Scenario failed:\n${result.report}`)
  if (result.status === 'skipped' && !allowSkipped)
    throw new Error(
      `Scenario "${result.name}" was skipped (${result.reason}), so nothing was checked; pass { allowSkipped: true } if that is expected:\n${result.report}`,
    )
}
