/**
 * @module The Send Message API v2 request for MMS (`channel: "mms"`), as the vendor's MMS API page
 * documents it (notes §1.6, §2.8: D-MMS): a subject of at most 80 characters, 1–9 slides
 * (`attachments`) each with a text of at most 4096 characters and/or a media URL, substitutions,
 * scheduling, and the v2 envelope. Unknown fields are ignored, as the vendor does.
 */
import { z } from 'zod'
import {
  callbackDataSchema,
  dateTimeSchema,
  httpUrl,
  looseBoolean,
  nonBlankString,
  optional,
  substitutionsSchema,
} from '../../../../apis/v2-schemas.js'
import { contactPolicyRequestSchema } from '../../../../kernel/contact-policy.js'
import { requestedReceiptsSchema } from '../../schemas/send-request.js'
import { mmsReceiptNames } from '../receipts.js'

/** Vendor: "The API supports up to 80 characters in the MMS subject". */
const maxSubject = 80
/** Vendor: "The API supports up to 9 slides for each MMS submission"; "at least one slide". */
const maxSlides = 9
/** Vendor: "Slides with text supports up to 4096 characters in any slide". */
export const maxSlideText = 4096
/** The slide types the vendor's samples send. */
export const slideTypes = ['image', 'video', 'audio', 'ical', 'vcard', 'pdf', 'text'] as const

const slideSchema = z
  .object({
    type: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.enum(slideTypes, { message: `expected one of ${slideTypes.map((t) => `"${t}"`).join(', ')}` }),
    ),
    messageText: optional(z.string().max(maxSlideText, `at most ${maxSlideText} characters in a slide`)),
    mediaUrl: optional(httpUrl),
    duration: z.number().positive().optional(),
  })
  .superRefine((slide, ctx) => {
    if (slide.messageText === undefined && slide.mediaUrl === undefined)
      ctx.addIssue({ code: 'custom', path: ['mediaUrl'], message: 'a slide has a messageText, a mediaUrl or both' })
    if (slide.type !== 'text' && slide.mediaUrl === undefined)
      ctx.addIssue({
        code: 'invalid_type',
        expected: 'string',
        path: ['mediaUrl'],
        message: `a slide of type "${slide.type}" needs its mediaUrl`,
      })
  })

const toEntry = z.object({
  msisdn: z.array(z.string().trim().min(1, 'an empty number')).min(1, 'needs at least one number'),
  substitutions: substitutionsSchema.optional(),
  correlationId: optional(z.string()),
})

/**
 * The body of POST /v2/messages for MMS.
 * @example
 * mmsSendRequestSchema.safeParse({ channel: 'mms', from: '15550001000', to: [{ msisdn: ['+12025550101'] }], content: { subject: 'Hi', attachments: [{ type: 'image', mediaUrl: 'https://cdn.example/a.jpg' }] } }).success // true
 */
export const mmsSendRequestSchema = z.object({
  channel: z.literal('mms'),
  from: z.string().trim().min(1, 'an MMS-enabled number'),
  to: z.array(toEntry).min(1, 'needs at least one destination'),
  substitutions: substitutionsSchema.optional(),
  requestedReceipts: requestedReceiptsSchema(mmsReceiptNames).optional(),
  options: z.object({ trackClicks: optional(looseBoolean), trackOpens: optional(looseBoolean) }).optional(),
  content: z.object({
    subject: nonBlankString('the MMS subject').max(maxSubject, `at most ${maxSubject} characters`),
    fallbacktext: optional(z.string()),
    name: optional(z.string()),
    attachments: z
      .array(slideSchema)
      .min(1, 'an MMS has at least one slide')
      .max(maxSlides, `at most ${maxSlides} slides`),
  }),
  sendAt: optional(dateTimeSchema),
  expireAt: optional(dateTimeSchema),
  callbackData: callbackDataSchema,
  correlationId: optional(z.string()),
  notifyUrl: optional(httpUrl),
  notifyUrlAuthId: optional(z.string()),
  contactPolicy: contactPolicyRequestSchema.optional(),
})

export type MmsSendRequest = z.infer<typeof mmsSendRequestSchema>
