/**
 * @module The Messaging API v1 (`POST /resources/v1/messaging`), the vendor's legacy API and, for
 * some channels, the only one documented (notes §0, §1.3, §1.4, §6.3, and each channel's own
 * sources). One endpoint keyed by `deliverychannel` (matched in any case: a real client sends
 * it capitalised); each channel reads its own request through
 * its `apis["messaging-v1"]` binding. Success is `{"response":[{"code":"1001","transid","description":"Queued"}]}`;
 * errors are `{"response":{"code","description","transid"}}` objects with the vendor's texts
 * (H-APICODES), built by the HTTP layer from the `EmulatorError`s thrown here.
 */
import { z } from 'zod'
import type { ApiBinding, SendContext } from '../channels/channel.js'
import { EmulatorError } from '../kernel/errors.js'
import type { BaseMessage } from '../kernel/message-store.js'
import type { createApiRunner, V2Channel } from './v2-messages.js'

/** The binding name a channel gives its Messaging API v1 request in `apis`. */
const messagingV1Api = 'messaging-v1'

/** The success answer (D-MSGV1SMS, D-WATEXT): HTTP 200, `response` an array of one. */
export const v1QueuedSchema = z.object({
  response: z.array(
    z.object({
      code: z.literal('1001'),
      transid: z.string(),
      description: z.string(),
      /** The request's correlation id, when it had one (as public clients parse it; notes: issue16 §3b). */
      correlationid: z.string().optional(),
    }),
  ),
})

/** An error answer (D-MSGV1SMS): `response` an object, not an array. */
export const v1ErrorSchema = z.object({
  response: z.object({ code: z.string(), description: z.string(), transid: z.string() }),
})

/** A v1 `correlationid`/`correlationId`: a string, or a number as one Java client sends it. */
const v1CorrelationId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .optional()

/** The v1 request's correlation id, whichever spelling it used (the docs: `correlationid`; clients: `correlationId`). */
export function v1Correlation(request: { correlationid?: string | undefined; correlationId?: string | undefined }) {
  return request.correlationid ?? request.correlationId ?? ''
}

/**
 * A `destination` entry's own correlation id, in either spelling: D-MSGV1's generic destination
 * has it for every channel ("Will override correlationid given in request body").
 */
export const v1DestinationCorrelationShape = { correlationid: v1CorrelationId, correlationId: v1CorrelationId }

/** A destination's correlation id, else the request's. */
export function destinationCorrelation(
  entry: { correlationid?: string | undefined; correlationId?: string | undefined },
  requestCorrelation: string,
): string {
  return entry.correlationid ?? entry.correlationId ?? requestCorrelation
}

/**
 * The assignment spec that most public clients of this API copy wraps the request in a one-element JSON
 * array (notes §4); the emulator reads the one object inside.
 */
function unwrap(body: unknown): unknown {
  return Array.isArray(body) && body.length === 1 ? body[0] : body
}

/** Reads a Messaging API v1 request, hands it to the channel its `deliverychannel` names. */
export function createV1Messaging(channels: readonly V2Channel[], run: ReturnType<typeof createApiRunner>) {
  const served = channels.flatMap((c) => {
    const binding = c.definition.apis?.[messagingV1Api] as ApiBinding<unknown, unknown> | undefined
    return binding ? [{ channel: c, binding }] : []
  })
  const names = served.flatMap((s) => s.binding.deliveryChannels ?? []).join(', ')

  return function sendV1(raw: unknown, context: SendContext = {}): { message: BaseMessage; correlationid: string } {
    const body = unwrap(raw)
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new EmulatorError('invalid_json', 'Invalid JSON', undefined, 'the body must be a JSON object')
    const name = (body as { deliverychannel?: unknown }).deliverychannel
    if (name === undefined || name === null)
      throw new EmulatorError(
        'missing_parameter',
        "param 'deliverychannel' missing",
        'deliverychannel',
        `one of ${names}`,
      )
    if (typeof name !== 'string' || name.trim() === '')
      throw new EmulatorError(
        'missing_parameter',
        'No destination channel information found in request',
        'deliverychannel',
        `one of ${names}`,
      )
    const lower = name.trim().toLowerCase()
    const target = served.find((s) => s.binding.deliveryChannels?.includes(lower))
    if (!target)
      throw new EmulatorError(
        'channel_not_configured',
        'Channel not configured',
        'deliverychannel',
        `"${name}": this emulator serves ${names} on the Messaging API v1`,
      )
    const message = run(target.channel, target.binding, body, context)
    const request = body as { correlationid?: unknown; correlationId?: unknown }
    // The request's, else its first destination's (the clients that parse it send it there).
    const correlation = request.correlationid ?? request.correlationId
    const first = (message.recipients[0] as { correlationId?: string } | undefined)?.correlationId ?? ''
    return {
      message,
      correlationid:
        correlation === undefined || correlation === null || correlation === '' ? first : String(correlation),
    }
  }
}

/** H-APICODES' 7003 text for a request without a destination. */
const noDestinationText = 'any one of [customerid,msisdn,email, userid,pushid,psid, etc.] is mandatory'

/**
 * A schema refusal in the Messaging API v1's words (H-APICODES "Messaging" table): a missing field
 * is 7003 "param 'text' missing for channel <name>", a missing destination the vendor's own text
 * below, a wrong value 7004 "invalid value of param 'type'". The table gives its
 * texts for five channels; the same pattern is used for the others (inferred).
 */
export function v1Refusal(channel: string, special: Record<string, string> = {}) {
  return (body: unknown, issues: readonly z.core.$ZodIssue[]): EmulatorError => {
    const issue = issues[0]!
    const field = issue.path.map(String).join('.')
    const keys = issue.path.filter((k): k is string => typeof k === 'string')
    const key = keys.at(-1) ?? ''
    let value: unknown = body
    for (const k of issue.path) value = value && typeof value === 'object' ? (value as never)[k as never] : undefined
    // A destination with no address, or a bad one; its correlation id is a field like any other.
    const correlation = key === 'correlationId' || key === 'correlationid'
    if (issue.path[0] === 'destination' && !correlation && (value === undefined || keys.length <= 2))
      return new EmulatorError('missing_parameter', noDestinationText, field, issue.message)
    if (special[key] !== undefined && value !== undefined)
      return new EmulatorError('invalid_parameter', special[key]!, field, issue.message)
    return value === undefined
      ? new EmulatorError('missing_parameter', `param '${key}' missing for channel ${channel}`, field, issue.message)
      : new EmulatorError('invalid_parameter', `invalid value of param '${key}'`, field, issue.message)
  }
}

/** Fields every channel's v1 request shares (D-MSGV1). */
export const v1CommonShape = {
  correlationid: v1CorrelationId,
  correlationId: v1CorrelationId,
  callbackData: z.string().max(2000, 'at most 2000 characters').optional(),
  notifyurl: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  notifyurlAuthId: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
}
