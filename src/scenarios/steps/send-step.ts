/**
 * @module `send`: POST /v2/messages with the step's body merged over `defaults.send`, check the
 * answer (201 unless `expect` says otherwise) and capture `messageId`.
 */
import { checkAndCapture } from './check-response.js'
import type { StepContext, StepOutcome } from './step-context.js'

type SendStep = {
  send: Record<string, unknown>
  key?: string | undefined
  headers?: Record<string, string> | undefined
  expect?: Record<string, unknown> | undefined
  capture?: Record<string, string> | undefined
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Objects merge key by key, anything else replaces; `null` removes a default. */
export function mergeDefaults(
  defaults: Record<string, unknown>,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(body)) {
    if (value === null) delete merged[key]
    else merged[key] = isObject(value) && isObject(merged[key]) ? mergeDefaults(merged[key], value) : value
  }
  return merged
}

function recipients(body: Record<string, unknown>): string {
  const emails = (entries: unknown) =>
    Array.isArray(entries)
      ? entries.flatMap((e) =>
          typeof e === 'string' ? [e] : isObject(e) && Array.isArray(e.email) ? e.email.map(String) : [],
        )
      : []
  const to = emails(body.to)
  const copies = (['cc', 'bcc'] as const)
    .map((field) => [field, emails(body[field])] as const)
    .filter(([, list]) => list.length > 0)
  const shorten = (list: readonly string[]) =>
    list.length > 3 ? `${list.slice(0, 2).join(', ')} +${list.length - 2} more` : list.join(', ')
  return [shorten(to) || '(no to)', ...copies.map(([field, list]) => `${field} ${shorten(list)}`)].join(' + ')
}

export async function sendStep(step: SendStep, ctx: StepContext): Promise<StepOutcome> {
  const body = mergeDefaults(ctx.vars.interpolate(ctx.scenario.defaults?.send ?? {}), step.send)
  const result = await ctx.client.request('/v2/messages', {
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
}
