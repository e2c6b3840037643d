/**
 * @module The MMS channel's message record: the kernel's base record plus the subject, the slides
 * (type, media URL, text before substitutions), the internal name and fallback text, and the
 * expiry.
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../../kernel/message-store.js'
import { slideTypes } from './schemas/send-request.js'

export const mmsMessageSchema = baseMessageSchema.extend({
  channel: z.literal('mms'),
  subject: z.string(),
  slides: z.array(
    z.object({ type: z.enum(slideTypes), mediaUrl: z.string().optional(), messageText: z.string().optional() }),
  ),
  name: z.string().optional(),
  fallbacktext: z.string().optional(),
  expiresAt: z.number().optional(),
  recipients: z.array(baseRecipientSchema),
})

export type MmsMessage = z.infer<typeof mmsMessageSchema>
export type MmsMessageFields = Pick<MmsMessage, 'subject' | 'slides' | 'name' | 'fallbacktext' | 'expiresAt'>
