/**
 * @module What the platform pushes to apps besides receipts: incoming email (MO) and
 * Unsubscribe / Subscribe events, in the outbound-webhook format (seed 000) and the data-stream
 * format (seed 001, where `attachments` and `to` are JSON *strings*).
 */
import { z } from 'zod'
import { dataIntegrationSchema } from './delivery-receipt.js'

/** One attachment of an incoming email (outbound-webhook format). */
export const inboundAttachmentSchema = z.object({
  content: z.string(),
  name: z.string(),
  contentType: z.string(),
  contentTransferEncoding: z.string(),
})

/** Outbound-webhook format: an incoming email. Note `from` is bracketed, e.g. "[sender@domain.tld]". */
export const webhookInboundEmailSchema = z.strictObject({
  to: z.array(z.string()),
  ts: z.string(),
  textMessage: z.string(),
  subject: z.string(),
  event: z.literal('MO'),
  from: z.string(),
  attachments: z.array(inboundAttachmentSchema),
  tid: z.string(),
  messageId: z.string(),
  returnPath: z.string(),
  htmlMessage: z.string(),
  channel: z.literal('email'),
})
/** A parsed `webhookInboundEmailSchema`. */
export type WebhookInboundEmail = z.infer<typeof webhookInboundEmailSchema>

/** Outbound-webhook format: Unsubscribe or Subscribe. */
export const webhookSubscriptionEventSchema = z.strictObject({
  channel: z.literal('Email'),
  from: z.string(),
  appId: z.string(),
  event: z.enum(['Unsubscribe', 'Subscribe']),
  senderId: z.string(),
  correlationId: z.string(),
  ts: z.string(),
  tid: z.string(),
})
/** A parsed `webhookSubscriptionEventSchema`. */
export type WebhookSubscriptionEvent = z.infer<typeof webhookSubscriptionEventSchema>

/** Data-stream format: an incoming email. `attachments` and `to` are JSON-encoded strings. */
export const dataStreamInboundEmailSchema = z.strictObject({
  textMessage: z.string(),
  attachments: z.string(),
  subject: z.string(),
  transid: z.string(),
  channel: z.literal('Email'),
  htmlMessage: z.string(),
  dataIntegration: z.array(z.record(z.string(), z.unknown())),
  appContext: z.record(z.string(), z.unknown()),
  event_identifier: z.string(),
  userId: z.string(),
  tid: z.string(),
  clientUUID: z.string(),
  'x-wx-gtrid': z.string(),
  channel_identifier: z.literal('EMAIL'),
  appId: z.string(),
  tenantId: z.number(),
  from: z.string(),
  to: z.string(),
  event: z.literal('Inbound Message'),
  ts: z.string(),
})
/** A parsed `dataStreamInboundEmailSchema`. */
export type DataStreamInboundEmail = z.infer<typeof dataStreamInboundEmailSchema>

/** Data-stream format: Unsubscribe or Subscribe. */
export const dataStreamSubscriptionEventSchema = z.strictObject({
  transid: z.string(),
  channel: z.literal('Email'),
  dataIntegration: dataIntegrationSchema,
  tid: z.string(),
  clientUUID: z.string(),
  'x-wx-gtrid': z.string(),
  senderId: z.string(),
  appId: z.string(),
  from: z.string(),
  correlationId: z.string(),
  event: z.enum(['Unsubscribe', 'Subscribe']),
  ts: z.string(),
})
/** A parsed `dataStreamSubscriptionEventSchema`. */
export type DataStreamSubscriptionEvent = z.infer<typeof dataStreamSubscriptionEventSchema>
