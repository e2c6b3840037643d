/**
 * @module A config list that names each thing once: a refinement refusing an entry whose key an
 * earlier entry has, naming both. Where a second entry would silently replace the first (a group
 * defined twice, one member or keyword listed twice), the list said two things and the last won.
 */
import type { z } from 'zod'

/**
 * @example
 * z.array(group).superRefine(onceEach((g) => g.id, 'id', (g, earlier) => `group "${g.id}" is already defined at groups[${earlier}]`))
 */
export function onceEach<T>(
  keyOf: (item: T) => string,
  field: string,
  repeated: (item: T, earlier: number) => string,
): (items: T[], ctx: z.RefinementCtx) => void {
  return (items, ctx) => {
    const first = new Map<string, number>()
    items.forEach((item, i) => {
      const key = keyOf(item)
      const earlier = first.get(key)
      if (earlier === undefined) first.set(key, i)
      else ctx.addIssue({ code: 'custom', path: [i, field], message: repeated(item, earlier) })
    })
  }
}
