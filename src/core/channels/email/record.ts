/**
 * @module The email channel's message and recipient records: the kernel's base record plus the
 * subject, content type and `multipleToRecipients`, and each recipient's field (to, cc or bcc).
 */
import { z } from 'zod'
import { baseMessageSchema, baseRecipientSchema } from '../../kernel/message-store.js'
import { emailContentSchema } from './content.js'

const emailRecipientSchema = baseRecipientSchema.extend({
  field: z.enum(['to', 'cc', 'bcc']),
})

export const emailMessageSchema = baseMessageSchema.extend({
  channel: z.literal('email'),
  /** The subject, its first `email.content.maxSubject` characters (1,000 by default) when it was longer. */
  subject: z.string(),
  /** When the subject was cut to keep: how many characters it had. */
  subjectTruncated: z.number().int().optional(),
  contentType: z.enum(['text', 'html']),
  multipleToRecipients: z.boolean(),
  /** What the mail said (absent in records saved before it was kept). */
  content: emailContentSchema.optional(),
  recipients: z.array(emailRecipientSchema),
})

/** An accepted email, as `emulator.messages()` and `GET /_emulator/messages/:id` show it. */
export type EmailMessage = z.infer<typeof emailMessageSchema>
/** One address of an email (`to`, `cc` or `bcc`), with its own lifecycle and receipts. */
type EmailRecipient = z.infer<typeof emailRecipientSchema>
/** The email fields of a message record. */
export type EmailMessageFields = Pick<
  EmailMessage,
  'subject' | 'subjectTruncated' | 'contentType' | 'multipleToRecipients' | 'content'
>

/** The email fields of a recipient record. */
export type EmailRecipientFields = Pick<EmailRecipient, 'field'>
