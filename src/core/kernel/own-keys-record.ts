/**
 * @module A JSON object read as a map of names to values, every name its own key — "__proto__"
 * included. The vendor's Java services read such objects into maps, where that name is a key like
 * any other; zod's record leaves an own "__proto__" key out of its result, unchecked (it builds the
 * result by assignment, which would set the prototype instead). This schema checks that key's value
 * as any other's and puts it back as a property of its own (`Object.fromEntries` defines, never
 * assigns). Its JSON Schema is the plain record's.
 */
import { z } from 'zod'

export function ownKeysRecord<V extends z.ZodType>(value: V) {
  const record = z.record(z.string(), value)
  return z
    .unknown()
    .transform((input, ctx): z.output<typeof record> => {
      const refused = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []) => {
        for (const issue of issues) ctx.addIssue({ ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodRawIssue)
        return z.NEVER
      }
      const read = record.safeParse(input)
      if (!read.success) return refused(read.error.issues)
      if (!Object.hasOwn(input as object, '__proto__')) return read.data
      const proto = value.safeParse((input as Record<string, unknown>).__proto__)
      if (!proto.success) return refused(proto.error.issues, ['__proto__'])
      return Object.fromEntries([...Object.entries(read.data), ['__proto__', proto.data]]) as z.output<typeof record>
    })
    .meta(z.toJSONSchema(record, { target: 'openapi-3.0' }))
}
