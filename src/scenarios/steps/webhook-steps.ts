/**
 * @module `advance`, `expectWebhooks` and `expectNoWebhooks`. A webhook is a delivery the emulator
 * has posted (at least one attempt), read back from its own records — GET /_emulator/webhooks — so
 * both drivers see the same thing. An expectation looks at the webhooks no earlier expectation has
 * looked at (all of them with `since: start`), narrowed by its `where`, and marks those as looked at.
 */
import { z } from 'zod'
import { didYouMean } from '../../core/kernel/did-you-mean.js'
import { durationMs } from '../../core/kernel/duration.js'
import { checkWebhooks } from '../check-webhooks.js'
import { show } from '../match.js'
import {
  durationText,
  stepName,
  type WebhookExpectation,
  webhookExpectationSchema,
  webhookFields,
} from '../step-fields.js'
import { readPath } from '../variables.js'
import { describeWebhook, matchWebhook, type WebhookView, webhookView } from '../webhook-view.js'
import { defineStep } from './define-step.js'
import type { StepContext } from './step-context.js'

/**
 * Posted webhooks in the window, oldest first, narrowed by `where`; marks those it returns as seen.
 * `problems` names a `where` key that looks misspelt (see `misspeltWhereKeys`).
 */
async function postedWebhooks(
  ctx: StepContext,
  since: 'last' | 'start',
  where: WebhookExpectation | undefined,
): Promise<{ window: WebhookView[]; problems: string[] }> {
  const posted = (await ctx.client.deliveries())
    .filter((d) => d.attempts.length > 0)
    .map((d) => webhookView(d, ctx.driver.receiverUrl))
  const window = posted.filter(
    (view) => (since === 'start' || !ctx.seen.has(view.id)) && (!where || matchWebhook(where, view).length === 0),
  )
  for (const view of window) ctx.seen.add(view.id)
  return { window, problems: where ? misspeltWhereKeys(where, posted) : [] }
}

/**
 * A `where` key that is no short name reads as a payload path, and a path nothing has yet may fairly
 * be expected absent — but a misspelt short name (`stauts`) read that way matches nothing, and
 * `expectNoWebhooks` passes. So a path that no webhook posted so far has, and that is a few edits
 * from a short name or from a key their payloads do have at that level, is named as a problem.
 */
function misspeltWhereKeys(where: WebhookExpectation, posted: readonly WebhookView[]): string[] {
  if (posted.length === 0) return []
  const problems: string[] = []
  for (const key of Object.keys(where)) {
    if (Object.hasOwn(webhookFields, key)) continue
    if (posted.some((view) => readPath(view.fields.payload, key) !== undefined)) continue
    const dot = key.lastIndexOf('.')
    const parent = dot < 0 ? undefined : key.slice(0, dot)
    const known = new Set<string>(parent === undefined ? Object.keys(webhookFields) : [])
    for (const view of posted) {
      const level = parent === undefined ? view.fields.payload : readPath(view.fields.payload, parent)
      if (level !== null && typeof level === 'object') for (const name of Object.keys(level)) known.add(name)
    }
    const hint = didYouMean(key.slice(dot + 1), [...known])
    if (hint)
      problems.push(
        `where: none of the ${posted.length} webhooks posted has "${key}"${hint} — a misspelt field matches nothing`,
      )
  }
  return problems
}

export const advanceStep = defineStep({
  schema: z.strictObject({
    name: stepName,
    advance: durationText.describe('Moves virtual time, firing every receipt and webhook attempt due on the way'),
  }),
  async run({ advance }, ctx) {
    await ctx.client.advance(durationMs(advance, 'advance'))
    return { label: `advance ${typeof advance === 'number' ? `${advance} ms` : advance}`, problems: [] }
  },
})

export const expectWebhooksStep = defineStep({
  schema: z.strictObject({
    name: stepName,
    expectWebhooks: z.union([
      z
        .array(webhookExpectationSchema)
        .describe('Exactly these webhooks, in this order, among those no earlier expectation has looked at'),
      z.strictObject({
        webhooks: z.array(webhookExpectationSchema),
        order: z.enum(['inOrder', 'anyOrder']).default('inOrder'),
        count: z
          .enum(['exact', 'atLeast'])
          .default('exact')
          .describe('"exact": no other webhooks; "atLeast": others may come in between'),
        where: webhookExpectationSchema.optional().describe('Only consider webhooks matching this'),
        since: z
          .enum(['last', 'start'])
          .default('last')
          .describe('"last": webhooks no earlier expectation has looked at; "start": all of them'),
      }),
    ]),
  }),
  async run({ expectWebhooks }, ctx) {
    const check = Array.isArray(expectWebhooks)
      ? {
          webhooks: expectWebhooks,
          order: 'inOrder' as const,
          count: 'exact' as const,
          since: 'last' as const,
          where: undefined,
        }
      : expectWebhooks
    // Whatever is due now fires first, so a check right after a send sees its Submitted receipt.
    await ctx.client.advance(0)
    const { window: actual, problems: whereProblems } = await postedWebhooks(ctx, check.since, check.where)
    const how = `${check.count === 'atLeast' ? 'at least ' : ''}${check.webhooks.length} ${check.order === 'anyOrder' ? 'in any order' : 'in order'}`
    const names = check.webhooks.map(
      (w) => [w.status, w.code, w.description, w.destination].find((v) => typeof v === 'string') ?? '…',
    )
    const statuses = names.length > 5 ? `${names.slice(0, 4).join(', ')} +${names.length - 4} more` : names.join(', ')
    return {
      label: `expectWebhooks ${check.webhooks.length === 0 ? 'none' : `${how}: ${statuses}`}${check.where ? ` where ${show(check.where, 80)}` : ''}`,
      problems: [...whereProblems, ...checkWebhooks(check, actual)],
    }
  },
})

export const expectNoWebhooksStep = defineStep({
  schema: z.strictObject({
    name: stepName,
    expectNoWebhooks: z
      .union([
        z.null(),
        durationText,
        z.strictObject({ for: durationText.optional(), where: webhookExpectationSchema.optional() }),
      ])
      .describe(
        'Advances by the period (if any), then checks no webhook (matching `where`) is left that no expectation has looked at',
      ),
  }),
  async run({ expectNoWebhooks }, ctx) {
    const spec =
      expectNoWebhooks === null || typeof expectNoWebhooks !== 'object'
        ? { for: expectNoWebhooks ?? undefined, where: undefined }
        : expectNoWebhooks
    const ms = spec.for === undefined ? 0 : durationMs(spec.for, 'expectNoWebhooks')
    await ctx.client.advance(ms)
    const { window: posted, problems } = await postedWebhooks(ctx, 'last', spec.where)
    const label = `expectNoWebhooks${ms > 0 ? ` for ${String(spec.for)}` : ''}${spec.where ? ` where ${show(spec.where, 80)}` : ''}`
    if (posted.length === 0) return { label, problems }
    return {
      label,
      problems: [
        ...problems,
        `expected no webhooks${spec.where ? ' matching' : ''} since the previous check, got ${posted.length}:`,
        ...posted.map((view) => `  ✗ unexpected ${describeWebhook(view)}`),
      ],
    }
  },
})
