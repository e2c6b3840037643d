/**
 * @module The MMS channel's message record: the kernel's base record plus the subject, the slides
 * (type, media URL, text with the request's substitutions), the internal name and fallback text
 * (with the request's substitutions too), and the expiry; per number, its click link when its own substitutions changed it.
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../../kernel/message-store.js'
import { slideTypes } from './schemas/send-request.js'

const mmsRecipientSchema = baseRecipientSchema.extend({
  /**
   * The link this number's slide texts carry ("" for none), when its own substitutions (its `to`
   * entry's) made it differ from the link of the message's `slides`: its Clicked receipt reports it.
   */
  clickLink: z.string().optional(),
})

export const mmsMessageSchema = baseMessageSchema.extend({
  channel: z.literal('mms'),
  subject: z.string(),
  slides: z.array(
    z.object({ type: z.enum(slideTypes), mediaUrl: z.string().optional(), messageText: z.string().optional() }),
  ),
  name: z.string().optional(),
  fallbacktext: z.string().optional(),
  expiresAt: z.number().optional(),
  recipients: z.array(mmsRecipientSchema),
})

export type MmsMessage = z.infer<typeof mmsMessageSchema>
export type MmsRecipient = z.infer<typeof mmsRecipientSchema>
export type MmsRecipientFields = Pick<MmsRecipient, 'clickLink'>
export type MmsMessageFields = Pick<MmsMessage, 'subject' | 'slides' | 'name' | 'fallbacktext' | 'expiresAt'>
