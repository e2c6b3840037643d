/**
 * @module What RCS customers push to apps (notes §2.7, D-RCSWH "RCS Incoming Messages & Events"):
 * a text (MO), a suggestion tapped (postback), a shared location, a file (ATTACHMENT), and
 * SUBSCRIBE / UNSUBSCRIBE — each key for key as its sample, in both formats (the data stream's is
 * the webhook payload with `x-wx-gtrid` and `dataIntegration`, H-DS). Injected like an SMS MO:
 * `POST /_emulator/inbound/rcs/<kind>`, `emulator.inject('rcs', kind, input)`, scenarios.
 */
import { z } from 'zod'
import { httpUrl } from '../../../apis/v2-schemas.js'
import { inboundApp } from '../../../kernel/inbound-app.js'
import type { InboundSpec } from '../../channel.js'
import type { RcsState } from './state.js'

const common = {
  /** The customer's number (`msisdn`). */
  from: z.string().trim().min(1),
  /** Your RCS app id (`appId`): the first of `rcs.apps` when absent, else the tenant's app id. */
  to: z.string().trim().min(1).optional(),
  /** The customer's carrier (`carrier`); `rcs.carrier` when absent. */
  carrier: z.string().optional(),
}

const rcsInboundSchemas = {
  mo: z.strictObject({ ...common, text: z.string().max(10_000) }),
  postback: z.strictObject({
    ...common,
    /** The tapped suggestion's `postbackData`. */
    postback: z.string().max(10_000),
  }),
  location: z.strictObject({
    ...common,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  attachment: z.strictObject({
    ...common,
    url: httpUrl,
    type: z.enum(['image', 'video', 'audio', 'file']).default('image'),
  }),
  subscribe: z.strictObject(common),
  unsubscribe: z.strictObject(common),
} as const
export type RcsInboundKind = keyof typeof rcsInboundSchemas

type Input = z.output<(typeof rcsInboundSchemas)[RcsInboundKind]> & Record<string, unknown>

const emptyContext = { serviceId: '', serviceName: '', flowId: '', flowName: '', messagingAPI: 'false' }

/** The provider's message id: 26 lower-case letters and digits, as the samples' ("ndzkbkvu…tyorja"). */
const providerMessageId = (uuid: string) => uuid.replaceAll('-', '').slice(0, 26)

/** The payload's own keys, in its sample's order, after `channel` and `msisdn`. */
function body(kind: RcsInboundKind, input: Input, tail: Record<string, string>, id: string) {
  switch (kind) {
    case 'mo':
      return { message: String(input.text), ...tail, messageid: id }
    case 'attachment':
      return {
        ...tail,
        attachments: JSON.stringify([{ payload: { url: input.url }, type: input.type }]),
        messageid: id,
      }
    case 'location':
      return { ...tail, latitude: String(input.latitude), longitude: String(input.longitude), messageId: id }
    case 'postback':
      return { postback: String(input.postback), ...tail, messageId: id }
    case 'subscribe':
    case 'unsubscribe':
      return { ...tail, messageId: id }
  }
}

const events: Record<RcsInboundKind, string> = {
  mo: 'MO',
  attachment: 'ATTACHMENT',
  location: 'Location',
  postback: 'postback',
  subscribe: 'SUBSCRIBE',
  unsubscribe: 'UNSUBSCRIBE',
}

const summaries: Record<RcsInboundKind, string> = {
  mo: 'An incoming RCS text (MO)',
  attachment: 'An incoming RCS file (ATTACHMENT)',
  location: 'A location the customer shared (Location)',
  postback: 'A suggestion the customer tapped (postback)',
  subscribe: 'The customer subscribed to your agent (SUBSCRIBE)',
  unsubscribe: 'The customer unsubscribed from your agent (UNSUBSCRIBE)',
}

/** What a target's `events` names: texts, files, locations and postbacks are all "mo". */
const targetEvents: Record<RcsInboundKind, string> = {
  mo: 'mo',
  attachment: 'mo',
  location: 'mo',
  postback: 'mo',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
}

function spec(kind: RcsInboundKind): InboundSpec<RcsState> {
  return {
    schema: rcsInboundSchemas[kind],
    summary: `${summaries[kind]} to inbound webhook targets`,
    events: [targetEvents[kind]],
    build(input: Input, state, { tid, ts }) {
      const { config, ctx } = state
      const appId = inboundApp(input.to, [...state.senders], ctx.tenant.appId, 'rcs.apps', 'to')
      const event = events[kind]
      const head = { channel: 'rcs', msisdn: input.from }
      const tail = {
        appId,
        event,
        ts,
        tid,
        serviceProvider: config.serviceProvider,
        carrier: input.carrier ?? config.carrier,
      }
      const webhook = { ...head, ...body(kind, input, tail, providerMessageId(ctx.uuid())) }
      return {
        event,
        from: input.from,
        to: [appId],
        subject: kind === 'mo' ? String(input.text).slice(0, 80) : kind === 'postback' ? String(input.postback) : event,
        targetEvent: targetEvents[kind],
        payloads: {
          webhook,
          datastream: { ...webhook, 'x-wx-gtrid': '', dataIntegration: { context: emptyContext, appContext: {} } },
        },
      }
    },
  }
}

export function rcsInbound(): Record<RcsInboundKind, InboundSpec<RcsState>> {
  return Object.fromEntries(
    (Object.keys(rcsInboundSchemas) as RcsInboundKind[]).map((kind) => [kind, spec(kind)]),
  ) as Record<RcsInboundKind, InboundSpec<RcsState>>
}
