/**
 * @module The RCS channel's message and recipient records: the kernel's base record plus what the
 * message shows (its content type, text, cards, suggestions), its expiry, the SMS fallback it
 * asked for, and per number its own fallback text (when its substitutions changed it) and the
 * fallback SMS sent (its message id) or why none could be.
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../../kernel/message-store.js'

const rcsRecipientSchema = baseRecipientSchema.extend({
  /**
   * The fallback SMS's text for this number, when its own substitutions (its `to` entry's) made it
   * differ from the message's `fallback.text`.
   */
  fallbackText: z.string().optional(),
  /** The fallback SMS's message id (`<transid>_fallbackrcs`), once it was sent. */
  fallbackMessageId: z.string().optional(),
  /** Why the fallback SMS could not be sent (the SMS API's refusal). */
  fallbackRefused: z.string().optional(),
})

export const rcsMessageSchema = baseMessageSchema.extend({
  channel: z.literal('rcs'),
  contentType: z.enum(['text', 'media', 'standalone', 'carousel', 'agentEvent']),
  /** The text (text messages, templates), with the request's substitutions (a number's own are not kept). */
  text: z.string().optional(),
  /** The media URL (media messages). */
  mediaUrl: z.string().optional(),
  /** Card titles (a rich card's, or a carousel's in order). */
  cards: z.array(z.string()).optional(),
  /** How many suggestions the message carries, cards' included. */
  suggestions: z.number(),
  /** The agent event ("IS_TYPING", "READ"). */
  event: z.string().optional(),
  templateId: z.string().optional(),
  expiresAt: z.number().optional(),
  /** `options.smsFallback`: what the fallback SMS sends (its text with the request's substitutions). */
  fallback: z.object({ smsSenderId: z.string(), text: z.string(), notifyUrlAuthId: z.string().optional() }).optional(),
  recipients: z.array(rcsRecipientSchema),
})

/** An accepted RCS message. */
export type RcsMessage = z.infer<typeof rcsMessageSchema>
export type RcsRecipient = z.infer<typeof rcsRecipientSchema>
export type RcsMessageFields = Omit<RcsMessage, keyof z.infer<typeof baseMessageSchema> | 'recipients' | 'channel'>
