/**
 * @module The one place zod's issues become the emulator's errors: field paths as a developer writes
 * them (`to[0].ids[1]`), a misspelt key reported before the required key it left missing, and
 * the vendor's 7003/7004 split (missing vs invalid).
 */
import { z } from 'zod'
import { didYouMean } from './did-you-mean.js'
import { EmulatorError, type ErrorCode } from './errors.js'

type Issue = z.core.$ZodIssue

/** `to[0].ids[1]` style paths, as a developer would write them. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  )
}

/** The value at `path` in `root`, if there is one. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** The issue worth reporting first: a misspelt key, since it usually left a required one missing. */
export function primaryIssue(issues: readonly Issue[]): Issue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!
}

/** Where an issue is; a misspelt key at its own path, so the path names it. */
export function issueField(issue: Issue): string {
  return formatPath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path)
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema
  while (
    inner instanceof z.ZodDefault ||
    inner instanceof z.ZodOptional ||
    inner instanceof z.ZodNullable ||
    inner instanceof z.ZodPipe
  ) {
    inner = (inner instanceof z.ZodPipe ? inner.out : inner.unwrap()) as z.ZodType
  }
  return inner
}

/** The keys a strict object at `path` of `schema` takes (for "did you mean"). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at = schema
  for (const key of path) {
    at = unwrap(at)
    if (at instanceof z.ZodObject) at = (at.shape as Record<string, z.ZodType>)[String(key)] ?? z.never()
    else if (at instanceof z.ZodArray) at = at.element as z.ZodType
    else if (at instanceof z.ZodRecord) at = at.valueType as z.ZodType
    else return []
  }
  at = unwrap(at)
  return at instanceof z.ZodObject ? Object.keys(at.shape) : []
}

/** "unknown key "x"" for a misspelt key, else zod's message. */
export function issueMessage(issue: Issue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  // A record's key that is not allowed (a header name, say): what is wrong with it.
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message
  if (issue.code === 'invalid_union') return unionTypes(issue) ?? issue.message
  return issue.message
}

/**
 * For a value of a type no alternative takes (`null` where a number or a duration string goes), what
 * they take and what came: zod says only "Invalid input". Undefined when an alternative got further.
 */
function unionTypes(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const expected = new Set<string>()
  for (const alternative of issue.errors) {
    const only = alternative.length === 1 ? alternative[0] : undefined
    if (only?.code !== 'invalid_type' || only.path.length > 0) return undefined
    expected.add(only.expected)
  }
  if (expected.size === 0) return undefined
  const received = / received (\S+)$/.exec(issue.errors[0]![0]!.message)?.[1]
  return `Invalid input: expected ${[...expected].join(' or ')}${received ? `, received ${received}` : ''}`
}

/**
 * Validates `value` or throws `code` ("invalid_request", "invalid_config") saying what was invalid
 * and where: `Invalid request body at "hubSignature.algorithm": …`.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: ErrorCode,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = primaryIssue(parsed.error.issues)
  const field = issueField(issue)
  const message =
    issue.code === 'unrecognized_keys'
      ? `${issue.message}${didYouMean(issue.keys[0]!, knownKeysAt(schema, issue.path))}`
      : issueMessage(issue)
  throw new EmulatorError(code, `Invalid ${what}${field ? ` at "${field}"` : ''}: ${message}`, field)
}

/**
 * The vendor's 400 for a request the schema refused: 7003 "Mandatory parameter missing - <field>"
 * when there is nothing at the field, else 7004 "Invalid parameter - <field>". The texts are the
 * vendor's, exactly (clients compare them); what is wrong goes in `detail`.
 */
export function vendorIssue(body: unknown, issues: readonly Issue[]): EmulatorError {
  // A misspelt key first, named at its own path ("Invalid parameter - zzz", not "… - ").
  const issue = primaryIssue(issues)
  const field = issueField(issue)
  // The body itself is not an object: the vendor's 7000, as /v2/messages answers it.
  if (issue.path.length === 0 && issue.code === 'invalid_type')
    return new EmulatorError(
      'invalid_json',
      'Invalid JSON',
      undefined,
      `the body must be a JSON object: ${issue.message}`,
    )
  if (issue.code !== 'unrecognized_keys' && valueAt(body, issue.path) === undefined) {
    return new EmulatorError('missing_parameter', `Mandatory parameter missing - ${field}`, field, issue.message)
  }
  return new EmulatorError('invalid_parameter', `Invalid parameter - ${field}`, field, issue.message)
}
