/**
 * @module The Send Message API v2 request for RCS (`channel: "rcs"`), as the vendor's RCS API page
 * documents it (notes §1.5, §2.7: D-RCS, D-RCSFAQ): text, media, a standalone rich card, a
 * carousel of 2–10 cards and agent events, or a template; suggestions (up to 10 with a message, 4
 * in a rich card, 2 in a carousel card); `options.smsFallback` with its sender id and text.
 * Unknown fields are ignored, as the vendor does; the limits answer 400 7004 naming the field.
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
import { linkOptionsSchema, requestedReceiptsSchema } from '../../schemas/send-request.js'

/** Vendor: RCS text and the fallback SMS text, at most 1024 characters (D-RCS). */
export const maxRcsText = 1024
/** Vendor: "up to 10 suggestions with a message, 2 when within a carousel and 4 when within a richcard". */
const maxSuggestions = { message: 10, richCard: 4, carouselCard: 2 } as const
/** Vendor: "For carousel, two cards are mandatory"; at most 10 (D-RCSFAQ). */
const carouselCards = { min: 2, max: 10 } as const

/** The RCS receipt names `requestedReceipts` takes, in any case (the RCS page writes them Title case). */
export const rcsReceiptNames = ['submitted', 'sent', 'delivered', 'read', 'failed', 'clicked'] as const

/** An upper-case enum the vendor writes in capitals ("HORIZONTAL"); any case is read. */
const upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.enum(values, { message: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` }),
  )

/**
 * A discriminated union whose `type` is read in any case ("TEXT", "Carousel", "openurl"), as SMS's
 * `content.type` and every other enum of these requests are: the vendor's pages spell their names
 * inconsistently, and its other APIs take "TEXT" for "text" (Cisco's SDKs). Any other value is left
 * for the union to refuse.
 */
function anyCaseType<T extends z.ZodDiscriminatedUnion<z.ZodObject<{ type: z.ZodLiteral<string> }>[]>>(union: T) {
  const names = new Map(union.options.map((option) => [option.shape.type.value.toLowerCase(), option.shape.type.value]))
  return z.preprocess((value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
    const type = (value as { type?: unknown }).type
    const canonical = typeof type === 'string' ? names.get(type.trim().toLowerCase()) : undefined
    return canonical === undefined || canonical === type ? value : { ...value, type: canonical }
  }, union)
}

const displayText = z.string().trim().min(1, 'the text shown on the suggestion')
const postbackData = optional(z.string())

const suggestionSchema = anyCaseType(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('reply'), displayText, postbackData }),
    z.object({
      type: z.literal('viewLocation'),
      displayText,
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      address: optional(z.string()),
      postbackData,
    }),
    z.object({ type: z.literal('shareLocation'), displayText, postbackData }),
    z.object({ type: z.literal('openUrl'), displayText, url: httpUrl, postbackData }),
    z
      .object({
        type: z.literal('calendarEvent'),
        displayText,
        startTime: dateTimeSchema,
        endTime: dateTimeSchema,
        meetingTitle: z.string().trim().min(1),
        meetingDescription: optional(z.string()),
        postbackData,
      })
      // The handset makes it a calendar entry, whose end "MUST be later in time" than its start
      // (RFC 5545 §3.8.2.2, DTEND); an event of no length is let through.
      .refine((event) => Date.parse(event.endTime) >= Date.parse(event.startTime), {
        path: ['endTime'],
        message: 'the event ends before it starts: endTime is earlier than startTime',
      }),
    z.object({ type: z.literal('dialPhone'), displayText, phone: z.string().trim().min(1), postbackData }),
  ]),
)

const suggestions = (max: number, where: string) =>
  z.array(suggestionSchema).max(max, `at most ${max} suggestions ${where}`).optional()

const height = upper(['SHORT', 'MEDIUM', 'TALL'])
const fileSize = z.number().nonnegative().optional()

const cardMedia = z.object({ url: httpUrl, height, fileSize, filesize: fileSize })

const richCardSchema = z.object({
  title: z.string().trim().min(1, 'the card title'),
  description: optional(z.string()),
  orientation: upper(['HORIZONTAL', 'VERTICAL']),
  thumbnailAlignment: upper(['LEFT', 'RIGHT']),
  media: cardMedia.optional(),
  thumbnail: z
    .object({ url: httpUrl, fileSize, height, contentType: optional(z.string()), description: optional(z.string()) })
    .optional(),
  suggestions: suggestions(maxSuggestions.richCard, 'in a rich card'),
})

const carouselCardSchema = z.object({
  title: z.string().trim().min(1, 'the card title'),
  description: optional(z.string()),
  media: cardMedia,
  suggestions: suggestions(maxSuggestions.carouselCard, 'in a carousel card'),
})

const messageSuggestions = suggestions(maxSuggestions.message, 'with a message')

const rcsContentSchema = anyCaseType(
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: nonBlankString('the message text').max(maxRcsText, `at most ${maxRcsText} characters`),
      suggestions: messageSuggestions,
    }),
    z.object({
      type: z.literal('media'),
      mediaContentUrl: httpUrl,
      fileSize,
      suggestions: messageSuggestions,
    }),
    z.object({ type: z.literal('standalone'), richCard: richCardSchema, suggestions: messageSuggestions }),
    z.object({
      type: z.literal('carousel'),
      width: upper(['SMALL', 'MEDIUM']),
      cards: z
        .array(carouselCardSchema)
        .min(carouselCards.min, `a carousel has at least ${carouselCards.min} cards`)
        .max(carouselCards.max, `a carousel has at most ${carouselCards.max} cards`),
      suggestions: messageSuggestions,
    }),
    z.object({
      type: z.literal('agentEvent'),
      event: upper(['IS_TYPING', 'READ']),
      messageId: optional(z.string()),
    }),
  ]),
)
/** What an RCS message shows. */
export type RcsContent = z.infer<typeof rcsContentSchema>

const toEntry = z.object({
  msisdn: z.array(z.string().trim().min(1, 'an empty number')).min(1, 'needs at least one number'),
  substitutions: substitutionsSchema.optional(),
  correlationId: optional(z.string()),
})

/**
 * The body of POST /v2/messages for RCS, with the vendor's rules.
 * @example
 * rcsSendRequestSchema.safeParse({ channel: 'rcs', from: 'a_1570171', to: [{ msisdn: ['+447700900123'] }], content: { type: 'text', text: 'Hi' } }).success // true
 */
export const rcsSendRequestSchema = z
  .object({
    channel: z.literal('rcs'),
    from: z.string().trim().min(1, 'the RCS app id'),
    to: z.array(toEntry).min(1, 'needs at least one destination'),
    substitutions: substitutionsSchema.optional(),
    content: rcsContentSchema.optional(),
    template: z.object({ id: z.union([z.string().min(1), z.number()]) }).optional(),
    options: linkOptionsSchema
      .extend({
        smsFallback: optional(looseBoolean),
        smsSenderId: optional(z.string().trim().min(1)),
        text: optional(z.string().max(maxRcsText, `at most ${maxRcsText} characters`)),
        carrierId: optional(z.union([z.number(), z.string()])),
      })
      .optional(),
    requestedReceipts: requestedReceiptsSchema(rcsReceiptNames).optional(),
    sendAt: optional(dateTimeSchema),
    expireAt: optional(dateTimeSchema),
    callbackData: callbackDataSchema,
    notifyUrl: optional(httpUrl),
    notifyUrlAuthId: optional(z.string()),
    contactPolicy: contactPolicyRequestSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.content && !value.template)
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'send either "content" or "template"' })
    if (value.content?.type === 'agentEvent' && value.content.event === 'READ' && !value.content.messageId)
      ctx.addIssue({
        code: 'invalid_type',
        expected: 'string',
        path: ['content', 'messageId'],
        message: 'a READ agent event names the message read',
      })
    // Vendor: smsSenderId and text are "Mandatory if smsFallback is true".
    if (value.options?.smsFallback === true) {
      for (const key of ['smsSenderId', 'text'] as const)
        if (value.options[key] === undefined)
          ctx.addIssue({
            code: 'invalid_type',
            expected: 'string',
            path: ['options', key],
            message: `options.${key} is mandatory when options.smsFallback is true`,
          })
      // The fallback SMS's text, refused by SMS when blank: refused here, before anything is sent.
      if (value.options.text !== undefined && !/\S/.test(value.options.text))
        ctx.addIssue({
          code: 'custom',
          path: ['options', 'text'],
          message: 'the fallback SMS text: empty or only white space',
        })
    }
  })

/** A parsed RCS send request. */
export type RcsSendRequest = z.infer<typeof rcsSendRequestSchema>
