/**
 * @module The scenario file format: one zod schema for YAML, JSON and `defineScenario()`, exported
 * to JSON Schema as scenarios/scenario.schema.json so editors autocomplete it. Values that may hold
 * `${variables}` are checked loosely here and strictly once the variables are substituted.
 */
import { z } from 'zod'
import { parseDuration } from '../core/kernel/duration.js'
import { configSchema, targetEventNames, webhookFormats } from '../core/schemas/config.js'
import { inboundEmailInputSchema, subscriptionInputSchema } from '../core/schemas/control.js'

const hasVariable = (value: string) => value.includes('${')

/** "2s", "7d", 1500 — or a `${variable}` that becomes one. */
export const durationText = z
  .union([z.number().min(0), z.string()])
  .refine((value) => typeof value === 'number' || hasVariable(value) || parseDuration(value) !== undefined, {
    message: 'expected a duration: milliseconds or a string like "500ms", "2s", "5m", "1h", "7d"',
  })
  .describe('A duration: milliseconds, or "500ms", "2s", "5m", "1h", "7d"')

const expected = z
  .unknown()
  .describe(
    'What to expect: a literal (compared exactly), an object (partial: only the keys given), an array (same length, in order) or an operator such as { $regex: "^5\\\\." }, { $contains: "x" }, { $oneOf: [..] }, { $exists: false }, { $gte: 2 }',
  )

const variableName = z.string().regex(/^[A-Za-z_][\w]*$/, 'a variable name is letters, digits and _')

const capture = z
  .record(variableName, z.string())
  .describe('Variables to set from the response: name → "body.messageId", "status" or "headers.location"')

const responseExpectation = z
  .strictObject({
    status: expected.optional().describe('HTTP status, e.g. 201'),
    body: expected.optional().describe('The JSON body, matched partially'),
    headers: z.record(z.string(), expected).optional().describe('Response headers (lower-case names)'),
  })
  .describe('What the response must look like')

/** Short names an `expectWebhooks` entry may use, besides any payload path, with what each reads. */
export const webhookFields = {
  status:
    'deliveryStatus ("Submitted", "Delivered", "Bounce", …), or the inbound event ("MO", "Unsubscribe", "Subscribe")',
  code: 'the receipt code, a string: "7500"',
  destination: 'the recipient address (the sender, for inbound events)',
  description: 'deliveryInfo.Description (bounce subtype, complaint type, clicked link|ip, error text)',
  additionalInfo: 'deliveryInfo.additionalInfo (SMTP diagnostic, user agent)',
  messageId: "the send request's messageId (the payload's transid)",
  transid: 'same as messageId',
  correlationId: "the payload's correlationid (correlationId on inbound events)",
  callbackData: "the request's callbackData, echoed",
  timeStamp: 'deliveryInfo.timeStamp (ts on inbound events)',
  event: 'what the delivery carries: a receipt code or an inbound event name',
  url: 'where it was posted',
  receiver: 'the scenario receiver it went to (the path under ${receiver}), if any',
  format: '"webhook" or "datastream"',
  state: 'delivery state: "delivered", "failed", "pending" or "in-flight"',
  attempts: 'how many HTTP attempts were made',
  attemptStatuses: 'the HTTP status (or error text) of each attempt, e.g. [500, 500, 200]',
  headers: 'headers the emulator added to the POST (content-type, target headers)',
  payload: 'the whole posted JSON body, matched partially',
} as const
/** A key of `webhookFields`. */
export type WebhookField = keyof typeof webhookFields

/** One expected webhook in `expectWebhooks`: short names and/or payload paths, matched partially. */
export const webhookExpectationSchema = z
  .looseObject(
    Object.fromEntries(
      Object.entries(webhookFields).map(([key, about]) => [key, expected.optional().describe(about)]),
    ) as Record<WebhookField, z.ZodOptional<z.ZodUnknown>>,
  )
  .describe(
    'A partial webhook: short names (status, code, destination, …) and/or payload paths such as "deliveryInfoNotification.deliveryInfo.code" or "x-wx-gtrid"',
  )
/** A parsed expected webhook. */
export type WebhookExpectation = z.infer<typeof webhookExpectationSchema>

const name = z.string().optional().describe('A label for this step in the output')

const sendStep = z.strictObject({
  name,
  send: z.record(z.string(), z.unknown()).describe('A vendor POST /v2/messages body, merged over defaults.send'),
  key: z.string().optional().describe('Service key header (default: defaults.key, --key, or "scenario-key")'),
  headers: z.record(z.string(), z.string()).optional().describe('More request headers, e.g. authorization'),
  expect: responseExpectation.optional().describe('Default: { status: 201 }'),
  capture: capture.optional(),
})

const advanceStep = z.strictObject({
  name,
  advance: durationText.describe('Moves virtual time, firing every receipt and webhook attempt due on the way'),
})

const expectWebhooksStep = z.strictObject({
  name,
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
})

const expectNoWebhooksStep = z.strictObject({
  name,
  expectNoWebhooks: z
    .union([
      z.null(),
      durationText,
      z.strictObject({ for: durationText.optional(), where: webhookExpectationSchema.optional() }),
    ])
    .describe(
      'Advances by the period (if any), then checks no webhook (matching `where`) is left that no expectation has looked at',
    ),
})

const expectMessageStep = z.strictObject({
  name,
  expectMessage: z
    .looseObject({ messageId: z.string().optional().describe('Default: ${messageId}, the last send') })
    .describe(
      'A partial message record, as GET /_emulator/messages/:id shows it: from, subject, recipients [{ address, field, status, receipts }], …',
    ),
})

const addresses = z.union([z.string(), z.array(z.string()).min(1)])
const expectSuppressedStep = z.strictObject({
  name,
  expectSuppressed: addresses.describe('Address(es) that must be on the bounce list'),
})
const expectNotSuppressedStep = z.strictObject({
  name,
  expectNotSuppressed: addresses.describe('Address(es) that must not be on the bounce list'),
})

const injectStep = z.strictObject({
  name,
  inject: z.union([
    z.strictObject({ email: inboundEmailInputSchema.describe('An incoming email (MO) from a customer') }),
    z.strictObject({ unsubscribe: subscriptionInputSchema.describe('The customer unsubscribes from senderId') }),
    z.strictObject({ subscribe: subscriptionInputSchema.describe('The customer subscribes to senderId again') }),
  ]),
})

const httpStep = z.strictObject({
  name,
  http: z.strictObject({
    method: z.string().default('GET'),
    url: z
      .string()
      .min(1)
      .describe('Absolute, or a path: resolved against baseUrl, or the emulator when there is none'),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional().describe('Sent as JSON'),
    text: z.string().optional().describe('Sent as is'),
  }),
  expect: responseExpectation.optional(),
  capture: capture.optional(),
})

export const stepSchemas = {
  send: sendStep,
  advance: advanceStep,
  expectWebhooks: expectWebhooksStep,
  expectNoWebhooks: expectNoWebhooksStep,
  expectMessage: expectMessageStep,
  expectSuppressed: expectSuppressedStep,
  expectNotSuppressed: expectNotSuppressedStep,
  inject: injectStep,
  http: httpStep,
} as const
/** A step's kind: `send`, `advance`, `expectWebhooks`, … */
export type StepKind = keyof typeof stepSchemas
/** Every step kind, in the order the README's step table lists them. */
export const stepKinds = Object.keys(stepSchemas) as StepKind[]

/** One step of `steps`: exactly one of the step kinds, plus `name`. */
export const stepSchema = z.union(
  Object.values(stepSchemas) as [typeof sendStep, ...Array<(typeof stepSchemas)[StepKind]>],
)

/** One entry of `receivers`: a webhook receiver the runner provides, optionally failing on purpose. */
export const receiverSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[\w-]+$/, 'letters, digits, - and _')
    .describe("The receiver's path: it is added as a webhook target at ${receiver}/<name>"),
  format: z.enum(webhookFormats).default('webhook'),
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
        'Emulator config (as in a config file). With --target only sandbox, suppressed, unsubscribed, rules and webhooks.targets are applied',
      ),
    startAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Where virtual time starts, in-process (default 2025-01-01T00:00:00Z)'),
    vars: z
      .record(variableName, z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Default variables; --var overrides them'),
    baseUrl: z.string().optional().describe('Base for relative http step URLs, e.g. "${env.APP_URL}"'),
    receivers: z
      .array(receiverSchema)
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
/** One validated step. */
export type Step = Scenario['steps'][number]
export type ExpectWebhooksInput = z.output<typeof expectWebhooksStep>['expectWebhooks']
export type ResponseExpectation = z.output<typeof responseExpectation>

/** Which kind a step is: the one step key it has. */
export function stepKind(step: object): StepKind | undefined {
  return stepKinds.find((kind) => kind in step)
}
