/**
 * @module The SMS channel's message and recipient records: the kernel's base record plus the text
 * (first 4000 characters), its type and encoding, which vendor API took it, and each destination's
 * part count.
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../kernel/message-store.js'

const smsRecipientSchema = baseRecipientSchema.extend({
  /** Parts its text was sent in (its receipts' `messageCount`), after its substitutions. */
  messageCount: z.number(),
})

/** Which vendor API accepted a message: Send Message v2, Send SMS v1, or the Messaging API v1. */
export const smsApis = ['v2', 'sms-v1', 'messaging-v1'] as const

export const smsMessageSchema = baseMessageSchema.extend({
  channel: z.literal('sms'),
  api: z.enum(smsApis),
  /** The text as written in the request or template (no substitutions made), at most 4000 characters kept. */
  text: z.string(),
  /** The text's full length, in characters (more than 4000 fails with 7107). */
  textLength: z.number(),
  contentType: z.enum(['text', 'unicode', 'flash', 'binary']),
  encoding: z.enum(['GSM-7', 'UCS-2', '8-bit']),
  /** The Send SMS API v1's `contentType` as the request spelt it ("TEXT"), echoed by its status answer. */
  contentTypeAsSent: z.string().optional(),
  /** `template.id`, when the text came from a template. */
  templateId: z.string().optional(),
  batchId: z.string().optional(),
  /** When the message expires (expireAt, or start + validity), epoch ms; absent when it does not. */
  expiresAt: z.number().optional(),
  recipients: z.array(smsRecipientSchema),
})

/** An accepted SMS, as `emulator.messages()` and `GET /_emulator/messages/:id` show it. */
export type SmsMessage = z.infer<typeof smsMessageSchema>
/** One number of an SMS. */
export type SmsRecipient = z.infer<typeof smsRecipientSchema>
/** The SMS fields of a message record. */
export type SmsMessageFields = Pick<
  SmsMessage,
  | 'api'
  | 'text'
  | 'textLength'
  | 'contentType'
  | 'contentTypeAsSent'
  | 'encoding'
  | 'templateId'
  | 'batchId'
  | 'expiresAt'
>
/** The SMS fields of a recipient record. */
export type SmsRecipientFields = Pick<SmsRecipient, 'messageCount'>
