/**
 * @module WhatsApp session messages (`channels."OTT-Messaging".wa`, notes §1.4, §2.5: D-WA): text,
 * media (image, audio, video, document, sticker), location, contacts, list and reply buttons, and
 * the deprecated hsm — with the limits the vendor documents. Limits with a receipt code of their
 * own (text over 4096 → 7714, sections → 7819, rows → 7820) fail by receipt (lifecycle.ts); the
 * others are refused with 7004.
 */
import { z } from 'zod'
import { looseBoolean, nonBlankString } from '../../apis/v2-schemas.js'

/** D-WAFAQ "Text upto 4096 characters"; longer → receipt 7714 "Message too long". */
export const maxWaText = 4096

const text = (max: number) => z.object({ text: z.string().max(max, `at most ${max} characters`) })
/** A list's or reply buttons' body: D-WA marks it mandatory, and one of only white space says nothing. */
const body = z.object({ text: nonBlankString('the body text').max(1024, 'at most 1024 characters') })

/**
 * A media object. `mimeType` is documented as mandatory, but a public client sends images with a
 * `url` only (notes issue16 §3c): it is taken without one (docs/decisions/012-messaging-api-v1.md).
 */
const media = z.object({
  url: z.string().min(1),
  mimeType: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
})

const identity = { identity_key_hash: z.string().optional() }

/**
 * A latitude (±90) or longitude (±180): a number, or a string that is one (D-WA's sample sends
 * numbers; clients that keep coordinates as text send "51.5"). Anything else names no place.
 */
export const coordinate = (limit: number) =>
  z.union([z.number(), z.string()]).refine((v) => {
    // A decimal as Java's Double.parseDouble reads one: Number() also took "0x10" (16) and "".
    const n =
      typeof v === 'number' ? v : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : Number.NaN
    return Number.isFinite(n) && Math.abs(n) <= limit
  }, `a number from -${limit} to ${limit}`)

export const waSessionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.object({ body: nonBlankString('the text body'), preview_url: looseBoolean.optional() }),
    ...identity,
  }),
  ...(['image', 'audio', 'video', 'document', 'sticker'] as const).map((type) =>
    z.object({ type: z.literal(type), [type]: media, ...identity }),
  ),
  z.object({
    type: z.literal('location'),
    location: z.object({
      longitude: coordinate(180),
      latitude: coordinate(90),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
    ...identity,
  }),
  z.object({ type: z.literal('contacts'), contacts: z.array(z.unknown()).min(1), ...identity }),
  z.object({
    type: z.literal('list'),
    list: z.object({
      header: z.object({ type: z.literal('text'), text: z.string().max(60, 'at most 60 characters') }).optional(),
      body,
      footer: text(60).optional(),
      action: z.object({
        button: z.string().min(1).max(20, 'at most 20 characters'),
        sections: z
          .array(
            z.object({
              title: z.string().max(24, 'at most 24 characters').optional(),
              rows: z.array(
                z.object({ id: z.string().min(1), title: z.string().min(1), description: z.string().optional() }),
              ),
            }),
          )
          // D-WA: a section's title is "Required if the message has more than one section".
          .superRefine((sections, ctx) => {
            if (sections.length < 2) return
            sections.forEach((section, i) => {
              if (!section.title?.trim())
                ctx.addIssue({
                  code: 'custom',
                  path: [i, 'title'],
                  message: 'required when there are several sections',
                })
            })
          }),
      }),
    }),
    ...identity,
  }),
  z.object({
    type: z.literal('reply'),
    reply: z.object({
      header: z
        .looseObject({
          type: z.enum(['text', 'document', 'video', 'image']),
          text: z.string().max(60, 'at most 60 characters').optional(),
        })
        // D-WA: the header carries the object its type names — `text` for "text", else
        // `document`/`video`/`image`. Its `url` may be "": D-WA's own reply sample sends it so, as a
        // placeholder, and the vendor's samples are taken as written (decision 011).
        .superRefine((header, ctx) => {
          const content = header[header.type]
          const given =
            header.type === 'text'
              ? typeof content === 'string' && content.trim() !== ''
              : typeof content === 'object' &&
                content !== null &&
                typeof (content as { url?: unknown }).url === 'string'
          if (!given)
            ctx.addIssue({
              code: 'custom',
              path: [header.type],
              message: `a ${header.type} header needs its ${header.type}`,
            })
        })
        .optional(),
      body,
      footer: text(60).optional(),
      action: z.object({
        buttons: z
          .array(
            z.object({
              type: z.literal('reply'),
              reply: z.object({ id: z.string().min(1), title: z.string().min(1) }),
            }),
          )
          .min(1)
          .max(3, 'at most 3 buttons'),
      }),
    }),
    ...identity,
  }),
  z.object({ type: z.literal('hsm'), hsm: z.looseObject({ element_name: z.string() }), ...identity }),
])
export type WaSession = z.infer<typeof waSessionSchema>

/** The session message's text as the record keeps it (body, caption, list/reply body). */
export function sessionText(session: WaSession): string {
  switch (session.type) {
    case 'text':
      return session.text.body
    case 'list':
      return session.list.body.text
    case 'reply':
      return session.reply.body.text
    case 'location':
      return session.location.name ?? ''
    case 'contacts':
    case 'hsm':
      return ''
    default:
      return (session as unknown as Record<string, { caption?: string }>)[session.type]?.caption ?? ''
  }
}
