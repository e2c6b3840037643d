/**
 * @module Validates a scenario object, with errors that name the step and field and say how to fix
 * them (zod's own message for a failed union, "Invalid input", would not help anyone).
 */
import type { z } from 'zod'
import { EmulatorError } from '../core/kernel/errors.js'
import { formatPath } from '../core/kernel/zod-issues.js'
import {
  type Scenario,
  type ScenarioInput,
  type Step,
  type StepKind,
  scenarioSchema,
  stepKind,
  stepKinds,
  stepSchemas,
} from './schema.js'

export interface ScenarioIssue {
  path: PropertyKey[]
  message: string
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined,
    root,
  )
}

/** Explains a step that matched no step kind by checking it against the kind its key names. */
function explainStep(step: unknown, path: PropertyKey[]): ScenarioIssue[] {
  if (step === null || typeof step !== 'object' || Array.isArray(step))
    return [{ path, message: `a step is an object with one of: ${stepKinds.join(', ')}` }]
  const kinds = stepKinds.filter((kind) => kind in step)
  if (kinds.length === 0)
    return [
      {
        path,
        message: `unknown step (keys: ${Object.keys(step).join(', ') || 'none'}); a step has one of: ${stepKinds.join(', ')}`,
      },
    ]
  if (kinds.length > 1)
    return [
      {
        path,
        message: `a step does one thing, but this one has ${kinds.join(' and ')}; split it into ${kinds.length} steps`,
      },
    ]
  const parsed = stepSchemas[stepKind(step)!]!.safeParse(step)
  return parsed.success ? [] : collectIssues(parsed.error.issues, step, path)
}

function collectIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: PropertyKey[] = [],
): ScenarioIssue[] {
  return issues.flatMap((issue): ScenarioIssue[] => {
    const path = [...prefix, ...issue.path]
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` }))
    if (issue.code === 'invalid_union' && prefix.length === 0 && issue.path.length === 2 && issue.path[0] === 'steps') {
      return explainStep(valueAt(root, issue.path), path)
    }
    if (issue.code === 'invalid_union') {
      // Report the alternative that got furthest: the one with the fewest issues.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]
      if (best && best.length > 0) return collectIssues(best, valueAt(root, issue.path), path)
    }
    return [{ path, message: issue.message }]
  })
}

/**
 * Validates `input` without throwing; the issues list is empty when it is a valid scenario. For
 * tools that list every problem; `defineScenario()` throws instead.
 * @example
 * import { validateScenario } from 'webex-connect-emulator/scenarios'
 *
 * const { issues } = validateScenario({ name: 'x', steps: [] })
 * issues // [{ path: ['steps'], message: '…' }]
 */
export function validateScenario(input: unknown): { scenario?: Scenario; issues: ScenarioIssue[] } {
  const parsed = scenarioSchema.safeParse(input)
  if (parsed.success) return { scenario: parsed.data, issues: [] }
  return { issues: collectIssues(parsed.error.issues, input) }
}

/** Checks one step of a known kind, e.g. again once its `${variables}` are substituted. */
export function validateStep(kind: StepKind, step: unknown): { step?: Step; issues: ScenarioIssue[] } {
  const parsed = stepSchemas[kind]!.safeParse(step)
  return parsed.success
    ? { step: parsed.data as Step, issues: [] }
    : { issues: collectIssues(parsed.error.issues, step) }
}

export function describeIssues(
  issues: readonly ScenarioIssue[],
  locate: (path: PropertyKey[]) => string = () => '',
): string {
  return issues
    .map((issue) => `  ${formatPath(issue.path) || '(root)'}${locate(issue.path)}: ${issue.message}`)
    .join('\n')
}

/**
 * A typed, validated scenario for TypeScript files and tests.
 * @example
 * import { defineScenario, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * const scenario = defineScenario({
 *   name: 'a bounce is reported',
 *   steps: [{ send: { channel: 'email', from: 'me@x.test', to: [{ email: ['ann+bounce@x.test'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } } },
 *           { advance: '2s' }, { expectWebhooks: [{ status: 'Submitted' }, { status: 'Bounce' }] }],
 * })
 * await runScenario(scenario)
 */
export function defineScenario(input: ScenarioInput): Scenario {
  const { scenario, issues } = validateScenario(input)
  if (scenario) return scenario
  const title = input && typeof input === 'object' && typeof input.name === 'string' ? `"${input.name}"` : 'scenario'
  throw new EmulatorError(
    'invalid_config',
    `Invalid ${title}:\n${describeIssues(issues)}`,
    formatPath(issues[0]?.path ?? []),
  )
}
