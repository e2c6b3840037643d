/**
 * @module The building blocks scenario steps share: durations that may hold `${variables}`,
 * expectations (literals, partial objects, `$`-operators), captures, response expectations, and
 * the short names a webhook expectation may use.
 */
import { z } from 'zod'
import { parseDuration } from '../core/kernel/duration.js'
import { operators, unknownOperators } from './match.js'

const hasVariable = (value: string) => value.includes('${')

/** "2s", "7d", 1500 — or a `${variable}` that becomes one. */
export const durationText = z
  .union([z.number().min(0), z.string()])
  .refine((value) => typeof value === 'number' || hasVariable(value) || parseDuration(value) !== undefined, {
    message: 'expected a duration: milliseconds or a string like "500ms", "2s", "5m", "1h", "7d"',
  })
  .describe('A duration: milliseconds, or "500ms", "2s", "5m", "1h", "7d"')

/** Refuses a `$`-operator `match()` does not know (`$eq`, `$startWith`), naming the ones it does. */
export function refuseUnknownOperators(value: unknown, ctx: z.RefinementCtx): void {
  for (const { path, operator } of unknownOperators(value))
    ctx.addIssue({
      code: 'custom',
      path,
      message: `unknown operator ${operator}; the operators are ${operators.join(', ')}`,
    })
}

const expected = z
  .unknown()
  .superRefine(refuseUnknownOperators)
  .describe(
    'What to expect: a literal (compared exactly), an object (partial: only the keys given), an array (same length, in order) or an operator such as { $regex: "^5\\\\." }, { $contains: "x" }, { $oneOf: [..] }, { $exists: false }, { $gte: 2 }',
  )

export const variableName = z.string().regex(/^[A-Za-z_][\w]*$/, 'a variable name is letters, digits and _')

export const capture = z
  .record(variableName, z.string())
  .describe('Variables to set from the response: name → "body.messageId", "status" or "headers.location"')

export const responseExpectation = z
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
  // The short names are checked as `expected`; payload paths, the other keys, here.
  .superRefine((value, ctx) =>
    refuseUnknownOperators(
      Object.fromEntries(Object.entries(value).filter(([key]) => !Object.hasOwn(webhookFields, key))),
      ctx,
    ),
  )
  .describe(
    'A partial webhook: short names (status, code, destination, …) and/or payload paths such as "deliveryInfoNotification.deliveryInfo.code" or "x-wx-gtrid"',
  )
/** A parsed expected webhook. */
export type WebhookExpectation = z.infer<typeof webhookExpectationSchema>

export const stepName = z.string().optional().describe('A label for this step in the output')

/** What an http or send step expects of the response. */
export type ResponseExpectation = z.output<typeof responseExpectation>
