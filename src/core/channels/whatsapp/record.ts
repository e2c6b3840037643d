/**
 * @module The WhatsApp channel's message and recipient records: which asset sent it, session or
 * template, its type; each recipient's WhatsApp ids as receipts carry them.
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../kernel/message-store.js'
import { waShownSchema } from './shown.js'

const waRecipientSchema = baseRecipientSchema.extend({
  /** The `waid` addressed ("" when addressed by bsuid). */
  waid: z.string(),
  /** The business-scoped user id, when the request gave one or a bsuid addressed it. */
  bsuid: z.string(),
  destinationType: z.enum(['waid', 'bsuid']),
  /** "true" when `waid` was a normalized value such as "IN.2149372115…" (D-WA). */
  waidNormalized: z.enum(['true', 'false']),
  identityKeyHash: z.string(),
  /** Meta's message id once submitted (receipts' `subtid`). */
  subtid: z.string(),
  /** Its index in the request (receipts' `transid` suffix "_0", "_1", …). */
  index: z.number(),
})

export const waMessageSchema = baseMessageSchema.extend({
  channel: z.literal('whatsapp'),
  api: z.enum(['messaging-v1', 'whatsapp-v1']),
  appId: z.string(),
  /** "session" (channels.OTT-Messaging.wa) or "template" (message.template). */
  kind: z.enum(['session', 'template']),
  /** The session type (text, image, list, …) or "template". */
  type: z.string(),
  /** The text body, caption or list/reply body, first 4096 characters. */
  text: z.string(),
  templateId: z.string().optional(),
  /** What the phone shows besides the text: media, place, list rows, buttons (the conversation view). */
  shown: waShownSchema.optional(),
  recipients: z.array(waRecipientSchema),
})

export type WaMessage = z.infer<typeof waMessageSchema>
export type WaRecipient = z.infer<typeof waRecipientSchema>
export type WaMessageFields = Pick<WaMessage, 'api' | 'appId' | 'kind' | 'type' | 'text' | 'templateId' | 'shown'>
export type WaRecipientFields = Pick<
  WaRecipient,
  'waid' | 'bsuid' | 'destinationType' | 'waidNormalized' | 'identityKeyHash' | 'subtid' | 'index'
>
