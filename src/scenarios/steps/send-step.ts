/**
 * @module `send`: POST a vendor request (by default to /v2/messages) with the step's body merged over
 * `defaults.send`, check the answer (the vendor's success status unless `expect` says otherwise) and
 * capture `messageId`.
 */
import { z } from 'zod'
import { capture, responseExpectation, stepName } from '../step-fields.js'
import { checkAndCapture } from './check-response.js'
import { defineStep } from './define-step.js'

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Objects merge key by key, anything else replaces; `null` removes a default. By entries, never
 * assignment: a "__proto__" key (a substitution's name) is the body's own, not the prototype.
 */
function mergeDefaults(defaults: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const merged = new Map(Object.entries(defaults))
  for (const [key, value] of Object.entries(body)) {
    const under = merged.get(key)
    if (value === null) merged.delete(key)
    else merged.set(key, isObject(value) && isObject(under) ? mergeDefaults(under, value) : value)
  }
  return Object.fromEntries(merged)
}

/** The destinations a request names, whatever the channel: every string in its `to` (and cc, bcc) entries. */
function recipients(body: Record<string, unknown>): string {
  const listed = (entries: unknown): string[] =>
    Array.isArray(entries)
      ? entries.flatMap((e) =>
          typeof e === 'string'
            ? [e]
            : isObject(e)
              ? Object.values(e).flatMap((v) => (Array.isArray(v) ? v.map(String) : []))
              : [],
        )
      : []
  const to = listed(body.to ?? body.destination)
  const copies = (['cc', 'bcc'] as const)
    .map((field) => [field, listed(body[field])] as const)
    .filter(([, list]) => list.length > 0)
  const shorten = (list: readonly string[]) =>
    list.length > 3 ? `${list.slice(0, 2).join(', ')} +${list.length - 2} more` : list.join(', ')
  return [shorten(to) || '(no to)', ...copies.map(([field, list]) => `${field} ${shorten(list)}`)].join(' + ')
}

export const sendStep = defineStep({
  schema: z.strictObject({
    name: stepName,
    send: z.record(z.string(), z.unknown()).describe('A vendor request body, merged over defaults.send'),
    path: z
      .string()
      .startsWith('/')
      .default('/v2/messages')
      .describe('The vendor API path it is posted to (default /v2/messages)'),
    key: z.string().optional().describe('Service key header (default: defaults.key, --key, or "scenario-key")'),
    headers: z.record(z.string(), z.string()).optional().describe('More request headers, e.g. authorization'),
    expect: responseExpectation.optional().describe("Default: the API's success status (201 on /v2/messages)"),
    capture: capture.optional(),
  }),
  async run(step, ctx) {
    const body = mergeDefaults(ctx.vars.interpolate(ctx.scenario.defaults?.send ?? {}), step.send)
    const result = await ctx.client.request(step.path, {
      method: 'POST',
      headers: { key: step.key ?? String(ctx.vars.interpolate(ctx.key)), ...step.headers },
      body,
    })
    const messageId =
      typeof result.body === 'object' && result.body !== null
        ? (result.body as { messageId?: unknown }).messageId
        : undefined
    if (typeof messageId === 'string') ctx.vars.set('messageId', messageId)
    const problems = checkAndCapture(step.expect ?? { status: 201 }, result, ctx.vars, step.capture)
    return {
      label: `send to ${recipients(body)} → ${result.status}${typeof messageId === 'string' ? ` (messageId ${messageId})` : ''}`,
      problems,
    }
  },
})
