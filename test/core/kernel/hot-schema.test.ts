import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { AnyChannel, ApiBinding } from '../../../src/core/channels/channel.js'
import { channels } from '../../../src/core/channels/registry.js'
import { compileAfter, defaultsOf, HotSchema } from '../../../src/core/kernel/hot-schema.js'
import { fillPlaceholders } from '../../contract/support/corpus.js'

/** Every API binding of every channel: the schemas requests are parsed with. */
const bindings = (channels as readonly AnyChannel[]).flatMap((channel) =>
  Object.entries<ApiBinding<unknown, unknown> | undefined>({ v2: channel.v2, ...channel.apis }).flatMap(
    ([api, binding]) => (binding ? [{ name: `${channel.name} ${api}`, schema: binding.schema }] : []),
  ),
)

/**
 * Every JSON object anywhere in the contract fixtures (vendor examples, recorded requests, SDK
 * bodies) and in the docs' examples (JSON blocks and curl bodies).
 */
function fixtureObjects(): object[] {
  const found: object[] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') {
      found.push(value)
      Object.values(value).forEach(walk)
    }
  }
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) visit(path)
      else if (name.endsWith('.json')) walk(fillPlaceholders(JSON.parse(readFileSync(path, 'utf8'))))
    }
  }
  visit(join(import.meta.dirname, '../../contract/fixtures'))
  const docs = join(import.meta.dirname, '../../../docs')
  for (const name of readdirSync(docs).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join(docs, name), 'utf8')
    const bodies = [
      ...[...text.matchAll(/```jsonc?\n([\s\S]*?)```/g)].map((m) => m[1]!),
      ...[...text.matchAll(/ -d '(\{[\s\S]*?\})'/g)].map((m) => m[1]!),
    ]
    for (const body of bodies) {
      try {
        walk(JSON.parse(body))
      } catch {
        // a block that is not plain JSON (comments, placeholders): not a body
      }
    }
  }
  return found
}

const oddValues: unknown[] = [null, 0, -1, 1.5, '', ' ', 'x', true, [], {}, 'é'.repeat(5000), '2025-01-01T00:00:00Z']

/** `body` with one change at one place: each key removed, each value replaced by each odd value. */
function* variants(body: unknown): Generator<unknown> {
  if (Array.isArray(body)) {
    for (let i = 0; i < body.length; i++) {
      yield body.filter((_, j) => j !== i)
      for (const inner of variants(body[i])) yield body.map((x, j) => (j === i ? inner : x))
    }
    yield [...body, body[0]]
  } else if (body && typeof body === 'object') {
    for (const key of Object.keys(body)) {
      const { [key]: value, ...rest } = body as Record<string, unknown>
      yield rest
      for (const inner of variants(value)) yield { ...rest, [key]: inner }
    }
  } else {
    for (const odd of oddValues) if (odd !== body) yield odd
    if (typeof body === 'string') {
      yield body.toUpperCase()
      yield ` ${body} `
    }
  }
}

describe('request schemas on the compiled fast path', () => {
  const objects = fixtureObjects()

  it.each(bindings)(
    '$name: answers every fixture, and every one-change variant of each it accepts, as the runtime parser does (compiled, and jitless)',
    ({ schema }) => {
      const compiled = z.compile(schema)
      expect(compiled, 'the schema compiled (it is not the runtime schema handed back)').not.toBe(schema)
      let accepted = 0
      let compared = 0
      const same = (body: unknown) => {
        const expected = schema.safeParse(body)
        const actual = compiled.safeParse(body)
        // A cold HotSchema parses jitless: the same answer, keys in the same order, issue for issue.
        const jitless = schema.safeParse(body, { jitless: true })
        expect(JSON.stringify(jitless.data)).toBe(JSON.stringify(expected.data))
        expect(jitless.error?.issues).toEqual(expected.error?.issues)
        compared++
        expect({ success: actual.success, data: actual.data }, JSON.stringify(body).slice(0, 300)).toEqual({
          success: expected.success,
          data: expected.data,
        })
        if (!expected.success) expect(actual.error!.issues).toEqual(expected.error.issues)
        return expected.success
      }
      for (const body of objects) {
        if (!same(body)) continue
        accepted++
        for (const variant of variants(body)) same(variant)
      }
      // Each binding has fixtures it accepts, so the variants above ran.
      expect(accepted).toBeGreaterThan(0)
      expect(compared).toBeGreaterThan(objects.length)
    },
  )

  it(`parses with the runtime parser until it has parsed ${compileAfter} values, then compiled, with the same answers`, () => {
    const schema = z.object({ to: z.array(z.string().min(1)).min(1), text: z.string().default('') })
    const hot = new HotSchema(schema)
    const answers = () => [hot.safeParse({ to: ['a'] }), hot.safeParse({ to: [] }), hot.safeParse('x')]
    const cold = answers()
    for (let i = 3; i < compileAfter - 1; i++) hot.safeParse({ to: ['b'] })
    expect(hot.compiled).toBe(false)
    hot.safeParse({ to: ['b'] })
    expect(hot.compiled).toBe(true)
    expect(JSON.parse(JSON.stringify(answers()))).toEqual(JSON.parse(JSON.stringify(cold)))
  })

  it('gives a schema’s defaults for {}, as parse does, and throws where parse would', () => {
    const delays = z.strictObject({ submitted: z.number().default(0), delivered: z.number().default(1_500) })
    expect(defaultsOf(delays)).toEqual({ submitted: 0, delivered: 1_500 })
    expect(JSON.stringify(defaultsOf(delays))).toBe(JSON.stringify(delays.parse({})))
    expect(() => defaultsOf(z.object({ needed: z.string() }))).toThrow()
  })
})
