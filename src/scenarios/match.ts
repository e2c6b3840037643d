/**
 * @module Partial matching of expected values against actual ones, listing every mismatch with its
 * path. Literals compare exactly, objects partially (only the keys given), arrays by length and
 * position, and `$`-operators ({ $regex }, { $contains }, …) say anything else.
 */

/** One way a value failed to match: where, what was expected, what was there, and why. */
export interface Mismatch {
  /** Where, e.g. "body.code" or "recipients[1].status". */
  path: string
  expected: unknown
  actual: unknown
  /** Why, when "expected X, got Y" is not enough. */
  note?: string
}

/** The `$`-operators `match()` (and every scenario expectation) understands. */
export const operators = [
  '$regex',
  '$contains',
  '$startsWith',
  '$endsWith',
  '$oneOf',
  '$exists',
  '$not',
  '$length',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
] as const
type Operator = (typeof operators)[number]

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
const isOperatorObject = (value: unknown): value is Partial<Record<Operator, unknown>> =>
  isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'))

/**
 * The `$`-keys of operator objects in an expectation that `match()` does not know, with where they
 * are. A scenario file is refused with them on load: `match()` counts one as a mismatch, which a
 * `where` or a `$not` turns into "matches nothing" and so into a check that passes.
 */
export function unknownOperators(
  expected: unknown,
  path: PropertyKey[] = [],
): Array<{ path: PropertyKey[]; operator: string }> {
  if (Array.isArray(expected)) return expected.flatMap((item, index) => unknownOperators(item, [...path, index]))
  if (!isPlainObject(expected)) return []
  const known = new Set<string>(operators)
  return Object.entries(expected).flatMap(([key, value]) => [
    ...(isOperatorObject(expected) && !known.has(key) ? [{ path: [...path, key], operator: key }] : []),
    ...unknownOperators(value, [...path, key]),
  ])
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key

function applyOperator(op: string, arg: unknown, actual: unknown, path: string): Mismatch[] {
  const fail = (note: string): Mismatch[] => [{ path, expected: { [op]: arg }, actual, note }]
  switch (op as Operator) {
    case '$exists':
      return (actual !== undefined) === Boolean(arg)
        ? []
        : fail(arg ? 'expected it to be present' : 'expected it to be absent')
    case '$regex': {
      if (typeof actual !== 'string') return fail('expected a string')
      return new RegExp(String(arg)).test(actual) ? [] : fail(`does not match /${String(arg)}/`)
    }
    case '$contains':
      if (typeof actual === 'string')
        return actual.includes(String(arg)) ? [] : fail(`does not contain ${JSON.stringify(arg)}`)
      if (Array.isArray(actual))
        return actual.some((item) => match(arg, item).length === 0) ? [] : fail('no element matches')
      return fail('expected a string or an array')
    case '$startsWith':
      return typeof actual === 'string' && actual.startsWith(String(arg))
        ? []
        : fail(`does not start with ${JSON.stringify(arg)}`)
    case '$endsWith':
      return typeof actual === 'string' && actual.endsWith(String(arg))
        ? []
        : fail(`does not end with ${JSON.stringify(arg)}`)
    case '$oneOf':
      if (!Array.isArray(arg)) return fail('$oneOf takes a list')
      return arg.some((option) => match(option, actual).length === 0) ? [] : fail('matches none of the options')
    case '$not':
      return match(arg, actual).length > 0 ? [] : fail('matches, but should not')
    case '$length': {
      const length = typeof actual === 'string' || Array.isArray(actual) ? actual.length : undefined
      if (length === undefined) return fail('expected a string or an array')
      return match(arg, length).length === 0 ? [] : fail(`length is ${length}`)
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (typeof actual !== 'number' || typeof arg !== 'number') return fail('expected numbers')
      const ok =
        op === '$gt' ? actual > arg : op === '$gte' ? actual >= arg : op === '$lt' ? actual < arg : actual <= arg
      return ok ? [] : fail(`is ${actual}`)
    }
    default:
      return fail(`unknown operator ${op}; use one of ${operators.join(', ')}`)
  }
}

/**
 * Every way `actual` fails to match `expected`; empty when it matches. The scenario matcher, for
 * partial assertions on payloads in your own tests.
 * @example
 * import { match } from 'webex-connect-emulator/scenarios'
 *
 * match({ status: 'Bounce', description: { $regex: '^Permanent_' } }, receipt) // []
 */
export function match(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (isOperatorObject(expected))
    return Object.entries(expected).flatMap(([op, arg]) => applyOperator(op, arg, actual, path))
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual))
      return [{ path, expected, actual, note: actual === undefined ? 'missing' : 'expected an object' }]
    // Own keys only, as readPath reads them: "__proto__" or "constructor" is a payload's own key or absent.
    return Object.entries(expected).flatMap(([key, value]) =>
      match(value, Object.hasOwn(actual, key) ? actual[key] : undefined, join(path, key)),
    )
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [{ path, expected, actual, note: actual === undefined ? 'missing' : 'expected a list' }]
    const problems = expected.flatMap((item, index) => match(item, actual[index], join(path, index)))
    if (actual.length !== expected.length)
      problems.unshift({ path, expected, actual, note: `expected ${expected.length} items, got ${actual.length}` })
    return problems
  }
  if (Object.is(expected, actual)) return []
  if (typeof expected === 'number' && typeof actual === 'string' && String(expected) === actual) {
    return [
      {
        path,
        expected,
        actual,
        note: `expected the number ${expected}, got the string "${actual}" (quote it in YAML: "${actual}")`,
      },
    ]
  }
  return [{ path, expected, actual, note: actual === undefined ? 'missing' : undefined }]
}

/** A value as it appears in a diff: JSON, shortened past `max` characters. */
export function show(value: unknown, max = 160): string {
  if (value === undefined) return '(absent)'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** "status: expected "Delivered", got "Bounce"" lines, indented. */
export function describeMismatches(mismatches: readonly Mismatch[], indent = '    '): string[] {
  return mismatches.map((m) => {
    const where = m.path || '(value)'
    if (m.note && m.note !== 'missing' && isOperatorObject(m.expected))
      return `${indent}${where}: ${show(m.actual)} ${m.note}`
    return `${indent}${where}: expected ${show(m.expected)}, got ${show(m.actual)}${m.note && m.note !== 'missing' ? ` — ${m.note}` : ''}`
  })
}
