/**
 * @module Request schemas on zod's compiled fast path once they are hot. `z.compile` generates a
 * parser for a schema's valid shape and falls back to the ordinary runtime parser for anything it
 * refuses, so a refused request is reported exactly as before (the same issues, in the same order).
 * A compiled send request parses in about 0.5 µs against 2.6 µs, and allocates a fraction
 * (bench/PROFILE.md); compiling costs about 16 ms, so a schema is compiled only once it has parsed
 * `compileAfter` values — a one-shot CLI run or a short test never pays for it. Until then parses
 * run `jitless`: zod's runtime parser otherwise generates a parser for each object schema it meets
 * the first time (about 8 ms for a send request), which the compiled parser then has no use for.
 * The answers are the same either way (the differential test), with one caveat for refinements: a
 * jitless parse prefixes a nested issue's `path` in place, so a refinement must give each issue a
 * `path` array of its own, never a shared constant (every one in src/ does).
 */
import { z } from 'zod'

/** Parses before a schema is compiled: enough that compiling pays for itself within a few hundred. */
export const compileAfter = 16

const cold = { jitless: true } as const

/**
 * What `schema` gives for `{}`: its defaults, for a config slice's `.default(…)`. Parsed jitless,
 * as these run once, at start, where a generated parser would only be thrown away.
 * @example delays: delaysSchema.default(defaultsOf(delaysSchema))
 */
export function defaultsOf<S extends z.ZodType>(schema: S): z.output<S> {
  return schema.parse({}, cold)
}

export class HotSchema<T> {
  #parses = 0
  #schema: z.ZodType<T>

  constructor(readonly runtime: z.ZodType<T>) {
    this.#schema = runtime
  }

  /** Whether parses now take the compiled path. */
  get compiled(): boolean {
    return this.#schema !== this.runtime
  }

  safeParse(value: unknown): z.ZodSafeParseResult<T> {
    if (this.#parses < compileAfter) {
      if (++this.#parses < compileAfter) return this.runtime.safeParse(value, cold)
      this.#schema = z.compile(this.runtime)
    }
    return this.#schema.safeParse(value)
  }
}

const hot = new WeakMap<z.ZodType, HotSchema<unknown>>()

/** The one HotSchema of `schema`, so its parses are counted wherever it is used. */
export function hotSchema<T>(schema: z.ZodType<T>): HotSchema<T> {
  let found = hot.get(schema) as HotSchema<T> | undefined
  if (!found) hot.set(schema, (found = new HotSchema(schema)))
  return found
}
