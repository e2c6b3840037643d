/**
 * @module The Send Message API v2 (`POST /v2/messages`): one endpoint for every channel, keyed by
 * `channel`. It reads the request with the named channel's schema, refuses it in the vendor's
 * words (7000, 7003, 7004, 7009), has the channel plan it, and answers 201 `{requestTimestamp,
 * messageId, correlationId, status: "queued"}`.
 */
import { z } from 'zod'
import type { AnyChannel, ApiBinding, PlannedMessage, SendContext } from '../channels/channel.js'
import { EmulatorError } from '../kernel/errors.js'
import { hotSchema } from '../kernel/hot-schema.js'
import type { BaseMessage } from '../kernel/message-store.js'
import { vendorIssue } from '../kernel/zod-issues.js'
import { maxDestinations, type SendResponse } from './v2-schemas.js'

export type { SendContext }

export interface V2Channel {
  definition: AnyChannel
  state: unknown
}

/** The request schema of every channel on v2, as one union on `channel` (for OpenAPI and typing). */
export function v2RequestSchema(channels: readonly AnyChannel[]): z.ZodType {
  const options = channels.flatMap((c) => (c.v2 ? [c.v2.schema] : []))
  return options.length === 1 ? options[0]! : z.union(options as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])
}

/** How deep `withoutNulls` looks: past every request shape's own depth, short of a stack overflow. */
const nullDepth = 32

/**
 * `value` with every object key whose value is `null` left out, at any depth up to `nullDepth`;
 * `value` itself when there is none. The vendor's APIs are Java services, whose JSON readers take a
 * `null` field as one not sent: clients that write every field of their request type (Jackson,
 * Newtonsoft and System.Text.Json by default, a Python dict of `None`s) send `"expireAt": null` for
 * one they do not set, and a mandatory field sent `null` is missing (7003), as the Messaging API v1
 * already read a `null` deliverychannel. Nulls inside arrays are values, and stay.
 */
export function withoutNulls(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > nullDepth) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item = withoutNulls(value[i], depth + 1)
      if (item !== value[i]) (copy ??= [...value])[i] = item
    }
    return copy ?? value
  }
  // Entries, not assignments: a "__proto__" key is the request's own field, never the prototype.
  let changed = false
  const kept: Array<[string, unknown]> = []
  for (const [key, item] of Object.entries(value)) {
    if (item === null) {
      changed = true
      continue
    }
    const cleaned = withoutNulls(item, depth + 1)
    if (cleaned !== item) changed = true
    kept.push([key, cleaned])
  }
  return changed ? Object.fromEntries(kept) : value
}

/** A channel's runtime as an API sees it. */
type Accept = (channel: string, planned: PlannedMessage, context: SendContext) => BaseMessage

/**
 * Reads a request through one of a channel's API bindings — validate, refuse in the API's words,
 * check the 1000-destination limit, plan, record — and returns the recorded message.
 */
export function createApiRunner(accept: Accept, now: () => number) {
  return function run(
    channel: V2Channel,
    binding: ApiBinding<unknown, unknown>,
    body: unknown,
    context: SendContext,
  ): BaseMessage {
    const schema = hotSchema(binding.schema)
    let parsed = schema.safeParse(body)
    if (!parsed.success) {
      // Read again with its nulls as absent fields: only a refused request pays for the walk.
      const absent = withoutNulls(body, 0)
      if (absent !== body) [body, parsed] = [absent, schema.safeParse(absent)]
      if (!parsed.success) throw binding.refuse?.(body, parsed.error.issues) ?? vendorIssue(body, parsed.error.issues)
    }
    const request = parsed.data
    const destinations = binding.destinations(request)
    if (destinations > maxDestinations) {
      throw new EmulatorError(
        'too_many_destinations',
        `Max number of destination address limited to ${maxDestinations}`,
        'to',
        `${destinations} destinations in one request`,
      )
    }
    const planned = binding.plan(request, channel.state, now(), context)
    const message = accept(channel.definition.name, planned, context)
    binding.accepted?.(message, channel.state, context, now())
    return message
  }
}

export function createV2Messages(channels: readonly V2Channel[], run: ReturnType<typeof createApiRunner>) {
  const served = channels.filter((c) => c.definition.v2)
  const names = served.map((c) => `"${c.definition.name}"`).join(', ')

  return function send(body: unknown, context: SendContext = {}): SendResponse {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new EmulatorError('invalid_json', 'Invalid JSON', undefined, 'the body must be a JSON object')
    const name = (body as { channel?: unknown }).channel
    // null is not sent, as for every other field (withoutNulls).
    if (name === undefined || name === null)
      throw new EmulatorError(
        'missing_parameter',
        'Mandatory parameter missing - channel',
        'channel',
        `one of ${names}`,
      )
    const channel = served.find((c) => c.definition.name === name)
    if (!channel)
      throw new EmulatorError(
        'invalid_parameter',
        'Invalid parameter - channel',
        'channel',
        `this emulator serves ${names}`,
      )
    const message = run(channel, channel.definition.v2!, body, context)
    return {
      requestTimestamp: message.requestTimestamp,
      messageId: message.messageId,
      correlationId: message.correlationId,
      status: 'queued',
    }
  }
}
