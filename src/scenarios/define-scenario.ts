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

type Issues = readonly z.core.$ZodIssue[]
const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** Whether a union's alternative refused the value's type itself (not something inside it). */
function refusesType(issues: Issues): boolean {
  return issues.some(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        (i.code === 'invalid_union' && i.errors.every((alternative) => refusesType(alternative)))),
  )
}

/** The types a union's alternatives take, as their issues say ("number", "string", "object", …). */
function typesTaken(issues: Issues): string[] {
  return issues.flatMap((i) =>
    i.path.length > 0
      ? []
      : i.code === 'invalid_type'
        ? [i.expected]
        : i.code === 'invalid_union'
          ? i.errors.flatMap(typesTaken)
          : [],
  )
}

/** The keys an object alternative wanted that the value does not have. */
function missingKeys(issues: Issues, value: unknown): string[] {
  return issues.flatMap((i) =>
    i.path.length === 1 && i.code === 'invalid_type' && isRecord(value) && !Object.hasOwn(value, i.path[0]!)
      ? [String(i.path[0])]
      : [],
  )
}

/**
 * Explains a union no alternative of took, from the alternative the value was meant for: the one
 * that takes its type and its keys (an `order` that is not one, not "expected array"), and when
 * the value's type or key fits none, says which ones there are.
 */
function explainUnion(alternatives: readonly Issues[], value: unknown, path: PropertyKey[]): ScenarioIssue[] {
  const rank = (issues: Issues) =>
    refusesType(issues)
      ? 2
      : issues.some((i) => i.path.length === 0 && i.code === 'unrecognized_keys') ||
          missingKeys(issues, value).length > 0
        ? 1
        : 0
  const ranked = alternatives
    .map((issues) => ({ issues, rank: rank(issues) }))
    .sort((a, b) => a.rank - b.rank || a.issues.length - b.issues.length)
  const best = ranked[0]!
  if (best.rank === 2) {
    const types = [...new Set(alternatives.flatMap(typesTaken))]
    return [{ path, message: `expected ${types.join(' or ')}, received ${typeName(value)}` }]
  }
  const keyed = ranked.filter((a) => a.rank === 1).map((a) => missingKeys(a.issues, value))
  if (best.rank === 1 && isRecord(value) && keyed.filter((keys) => keys.length > 0).length > 1) {
    // Alternatives told apart by their key (inject's event names): list the keys there are.
    const keys = [...new Set(keyed.flat())].sort((a, b) => Number(a.includes('.')) - Number(b.includes('.')))
    const given =
      Object.keys(value)
        .map((key) => `"${key}"`)
        .join(', ') || 'none'
    return [{ path, message: `unknown key ${given}; expected one of: ${keys.join(', ')}` }]
  }
  return collectIssues(best.issues, value, path)
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
    if (issue.code === 'invalid_union' && issue.errors.length > 0)
      return explainUnion(issue.errors, valueAt(root, issue.path), path)
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
