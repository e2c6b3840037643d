import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  formatPath,
  issueField,
  issueMessage,
  knownKeysAt,
  parseOrThrow,
  primaryIssue,
  valueAt,
  vendorIssue,
} from '../../../src/core/kernel/zod-issues.js'
import { refusal } from '../../support/refusal.js'

// The one place zod's issues become the emulator's errors, on its own.

const settings = z.strictObject({
  webhooks: z
    .strictObject({
      retries: z.number().int(),
      targets: z.array(
        z.strictObject({ url: z.string(), headers: z.record(z.string().regex(/^x-/, 'x- only'), z.string()) }),
      ),
    })
    .optional(),
  name: z.string().default('x'),
  limits: z.strictObject({ max: z.number() }).nullable().optional(),
  piped: z.string().pipe(z.string()),
})

describe('zod issues', () => {
  it('writes paths as a developer would, and reads the value at one', () => {
    expect(formatPath(['to', 0, 'email', 1])).toBe('to[0].email[1]')
    expect(formatPath([0, 'a'])).toBe('[0].a')
    expect(formatPath([])).toBe('')
    const body = { to: [{ email: ['a', 'b'] }], n: null }
    expect(valueAt(body, ['to', 0, 'email', 1])).toBe('b')
    expect(valueAt(body, ['to', 3, 'email'])).toBeUndefined()
    expect(valueAt(body, ['n', 'x'])).toBeUndefined()
    expect(valueAt('text', ['length'])).toBeUndefined()
  })

  it('reports a misspelt key first, at its own path, with the keys the object takes', () => {
    const issues = settings.safeParse({ webhooks: { retrys: 1 }, piped: 'p' }).error!.issues
    const primary = primaryIssue(issues)
    expect(primary.code).toBe('unrecognized_keys')
    expect(issueField(primary)).toBe('webhooks.retrys')
    expect(issueMessage(primary)).toBe('unknown key "retrys"')
    expect(primaryIssue([issues.find((i) => i.code !== 'unrecognized_keys')!])).not.toBe(primary)
    const two = settings.safeParse({ a: 1, b: 2, piped: 'p' }).error!.issues
    expect(issueMessage(primaryIssue(two))).toBe('unknown keys "a", "b"')
  })

  it('knows the keys of a strict object anywhere in a schema, through defaults, options, nulls, pipes, arrays and records', () => {
    expect(knownKeysAt(settings, [])).toEqual(['webhooks', 'name', 'limits', 'piped'])
    expect(knownKeysAt(settings, ['webhooks'])).toEqual(['retries', 'targets'])
    expect(knownKeysAt(settings, ['webhooks', 'targets', 0])).toEqual(['url', 'headers'])
    expect(knownKeysAt(settings, ['limits'])).toEqual(['max'])
    expect(knownKeysAt(settings, ['webhooks', 'targets', 0, 'headers', 'x-a'])).toEqual([])
    expect(knownKeysAt(settings, ['nothing', 'here'])).toEqual([])
    expect(knownKeysAt(settings, ['name', 'deeper'])).toEqual([])
    expect(knownKeysAt(z.record(z.string(), z.strictObject({ k: z.string() })), ['any'])).toEqual(['k'])
    // A pipe (a preprocessed value, say) is read by what it produces.
    expect(
      knownKeysAt(
        z.preprocess((v) => v, z.strictObject({ p: z.string() })),
        [],
      ),
    ).toEqual(['p'])
  })

  it('throws what was invalid and where, with a suggestion for a misspelt key', () => {
    expect(
      refusal(() => parseOrThrow(settings, { webhooks: { retrys: 1 }, piped: 'p' }, 'invalid_config', 'config')),
    ).toEqual({
      code: 'invalid_config',
      message: 'Invalid config at "webhooks.retrys": Unrecognized key: "retrys" (did you mean "retries"?)',
      field: 'webhooks.retrys',
      detail: undefined,
    })
    expect(
      refusal(() =>
        parseOrThrow(
          settings,
          { webhooks: { retries: 1.5, targets: [] }, piped: 'p' },
          'invalid_request',
          'request body',
        ),
      ),
    ).toMatchObject({
      code: 'invalid_request',
      message: 'Invalid request body at "webhooks.retries": Invalid input: expected int, received number',
      field: 'webhooks.retries',
    })
    // A record key that is not allowed: what is wrong with the key.
    const badHeader = { webhooks: { retries: 1, targets: [{ url: 'u', headers: { y: 'v' } }] }, piped: 'p' }
    expect(refusal(() => parseOrThrow(settings, badHeader, 'invalid_config', 'config')).message).toBe(
      'Invalid config at "webhooks.targets[0].headers.y": x- only',
    )
    // At the top: no path in the message.
    expect(refusal(() => parseOrThrow(z.string(), 5, 'invalid_request', 'value')).message).toBe(
      'Invalid value: Invalid input: expected string, received number',
    )
    expect(parseOrThrow(settings, { piped: 'p' }, 'invalid_config', 'config')).toEqual({ name: 'x', piped: 'p' })
  })

  it('says what a union takes when the value is of a type no alternative takes, and zod’s words otherwise', () => {
    const union = z.strictObject({ by: z.union([z.number(), z.string()]), mode: z.union([z.literal('a'), z.number()]) })
    const message = (value: unknown) => issueMessage(primaryIssue(union.safeParse(value).error!.issues))
    expect(message({ by: null, mode: 1 })).toBe('Invalid input: expected number or string, received null')
    expect(message({ by: {}, mode: 1 })).toBe('Invalid input: expected number or string, received object')
    expect(() => parseOrThrow(union, { by: true, mode: 1 }, 'invalid_request', 'request body')).toThrow(
      'Invalid request body at "by": Invalid input: expected number or string, received boolean',
    )
    // An alternative that got further than the type (a literal of the right type, a wrong value) keeps zod's message.
    expect(message({ by: 1, mode: 'b' })).toBe('Invalid input')
  })

  it('answers in the vendor’s words: 7003 when nothing is at the field, 7004 when something wrong is', () => {
    const schema = z.object({ to: z.array(z.object({ email: z.array(z.string()) })), subject: z.string() })
    const missing = { to: [{ email: ['a'] }] }
    expect(
      refusal(() => {
        throw vendorIssue(missing, schema.safeParse(missing).error!.issues)
      }),
    ).toEqual({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing - subject',
      field: 'subject',
      detail: 'Invalid input: expected string, received undefined',
    })
    const wrong = { to: [{ email: ['a', 7] }], subject: 's' }
    expect(
      refusal(() => {
        throw vendorIssue(wrong, schema.safeParse(wrong).error!.issues)
      }),
    ).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter - to[0].email[1]',
      field: 'to[0].email[1]',
      detail: 'Invalid input: expected string, received number',
    })
    const nulled = { to: [{ email: ['a'] }], subject: null }
    expect(vendorIssue(nulled, schema.safeParse(nulled).error!.issues).code).toBe('invalid_parameter')
  })
})
