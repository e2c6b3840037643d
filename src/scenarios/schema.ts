/**
 * @module The scenario file format: one zod schema for YAML, JSON and `defineScenario()`, exported
 * to JSON Schema as scenarios/scenario.schema.json so editors autocomplete it. Values that may hold
 * `${variables}` are checked loosely here and strictly once the variables are substituted.
 */
import { z } from 'zod'
import { earliestTime, isoTime, isRepresentableTime, latestTime } from '../core/kernel/time-bounds.js'
import {
  configFileSchema,
  configSchema,
  targetEventNames,
  webhookFormats,
  webhookTargetSchema,
} from '../core/schemas/config.js'
import { variableName } from './step-fields.js'
import type { httpStep } from './steps/http-step.js'
import { stepDefinitions } from './steps/registry.js'
import type { sendStep } from './steps/send-step.js'
import type { expectMessageStep } from './steps/state-steps.js'
import type { advanceStep, expectNoWebhooksStep, expectWebhooksStep } from './steps/webhook-steps.js'

export {
  type WebhookExpectation,
  type WebhookField,
  webhookExpectationSchema,
  webhookFields,
} from './step-fields.js'

/** A step's kind: `send`, `advance`, `expectWebhooks`, … */
export type StepKind = keyof typeof stepDefinitions & string
/** Every step kind, in the order the README's step table lists them. */
export const stepKinds = Object.keys(stepDefinitions) as StepKind[]
/** Each step kind's schema. */
export const stepSchemas: Record<StepKind, z.ZodType> = Object.fromEntries(
  Object.entries(stepDefinitions).map(([kind, step]) => [kind, step.schema]),
)

/** A channel's own step (an inbound event, a list check), typed loosely; validated all the same. */
type ChannelStep = { name?: string | undefined } & Record<string, unknown>
type FixedSteps = typeof sendStep | typeof advanceStep | typeof expectWebhooksStep | typeof expectNoWebhooksStep
/** A step as written: the fixed kinds typed for editors, channel steps loosely. */
export type StepInput = z.input<(FixedSteps | typeof expectMessageStep | typeof httpStep)['schema']> | ChannelStep
/** A step after validation. */
export type Step = z.output<(FixedSteps | typeof expectMessageStep | typeof httpStep)['schema']> | ChannelStep

/** One step of `steps`: exactly one of the step kinds, plus `name`. */
export const stepSchema = z.union(Object.values(stepSchemas) as [z.ZodType, z.ZodType, ...z.ZodType[]]) as z.ZodType<
  Step,
  StepInput
>

/** One entry of `receivers`: a webhook receiver the runner provides, optionally failing on purpose. */
export const receiverSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[\w-]+$/, 'letters, digits, - and _')
    .describe("The receiver's path: it is added as a webhook target at ${receiver}/<name>"),
  format: z.enum(webhookFormats).default('webhook'),
  // The target's own check, at load: a misspelt channel was refused only as the target was added,
  // naming "webhooks.targets[0].channels[0]", a path the file does not have.
  channels: webhookTargetSchema.shape.channels.describe(
    "As a target's channels: the channels whose receipts and inbound events it gets (all when absent)",
  ),
  events: z
    .array(z.enum(targetEventNames))
    .optional()
    .describe('As a target\'s events: receipt names, "inbound", "mo", "unsubscribe", "subscribe"'),
  headers: z.record(z.string(), z.string()).optional(),
  hubSecret: z.string().min(1).optional(),
  fail: z
    .strictObject({
      times: z.number().int().min(1).describe('How many requests fail'),
      status: z.number().int().min(100).max(599).default(500),
    })
    .optional()
    .describe('Answer the first `times` requests to this receiver with `status` (then 200)'),
})
/** A parsed receiver. */
export type ReceiverSpec = z.infer<typeof receiverSchema>

/** The whole scenario file format; `defineScenario()` and `loadScenarioFile()` validate with it. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    requires: z
      .strictObject({
        target: z.boolean().optional().describe('Only runs against a running emulator (--target)'),
        inProcess: z
          .boolean()
          .optional()
          .describe('Only runs in-process: its config (e.g. services, delays) cannot be applied to a running emulator'),
        vars: z.array(z.string()).optional().describe('Variables that must be set (--var NAME=value, or env.NAME)'),
      })
      .optional()
      .describe('When these are not met the scenario is skipped, saying why'),
    config: configSchema
      .optional()
      .describe(
        "Emulator config (as in a config file). With --target only what the control API can set is applied: each channel's lists and sandbox, rules, webhooks.targets, chaos and rateLimit (the rest is listed in a note)",
      ),
    startAt: z.iso
      .datetime({ offset: true })
      // Checked here, with the file's line: the emulator refused it later in epoch ms, without either.
      .refine(
        (value) => isRepresentableTime(Date.parse(value)),
        `expected a date-time between ${isoTime(earliestTime)} and ${isoTime(latestTime)}, the times the emulator can show`,
      )
      .optional()
      .describe('Where virtual time starts, in-process (default 2025-01-01T00:00:00Z)'),
    vars: z
      .record(variableName, z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Default variables; --var overrides them'),
    baseUrl: z.string().optional().describe('Base for relative http step URLs, e.g. "${env.APP_URL}"'),
    receivers: z
      .array(receiverSchema)
      // Two receivers of one name share one path: each webhook would come twice, and the second's
      // `fail` would never apply (the responder finds the first).
      .superRefine((receivers, ctx) => {
        for (const [index, { name }] of receivers.entries()) {
          const first = receivers.findIndex((r) => r.name === name)
          if (first < index)
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `receiver "${name}" is named twice (receivers[${first}] too); give each receiver its own name`,
            })
        }
      })
      .optional()
      .describe(
        'Webhook receivers the runner provides (in memory, or a local server with --target). Default: [{ name: hooks }]; [] for none',
      ),
    defaults: z
      .strictObject({
        send: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('Merged under every send body (objects deeply; null removes a key)'),
        key: z.string().optional(),
      })
      .optional(),
    steps: z.array(stepSchema).min(1),
  })
  .describe('A webex-connect-emulator scenario')

/** A scenario as you write it (durations as strings, defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>
/** A validated scenario, ready for `runScenario()`. */
export type Scenario = z.output<typeof scenarioSchema>

/** The scenario format for editors' JSON Schema: the config as a config file writes it now. */
export const scenarioFileSchema = scenarioSchema.extend({ config: configFileSchema.optional() })

/** Which kind a step is: the one step key it has. */
export function stepKind(step: object): StepKind | undefined {
  return stepKinds.find((kind) => kind in step)
}
