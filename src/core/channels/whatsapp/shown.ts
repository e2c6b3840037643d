/**
 * @module What a WhatsApp message shows on the phone besides its text — the media, the place, the
 * list's button and rows, the reply buttons, the contact cards — for the console's conversation
 * view (GET /_emulator/whatsapp/conversations/:appId/:waid). Kept on outbound records and on what
 * users wrote in.
 */
import { z } from 'zod'
import type { WaSession } from './session.js'

export const waShownSchema = z.object({
  media: z.object({ url: z.string(), mimeType: z.string().optional(), filename: z.string().optional() }).optional(),
  place: z
    .object({
      latitude: z.string(),
      longitude: z.string(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  header: z.string().optional(),
  footer: z.string().optional(),
  /** A list message's button (the rows open from it). */
  button: z.string().optional(),
  /** A list's row titles, or the reply buttons' titles. */
  choices: z.array(z.string()).optional(),
  /** Contact cards' names. */
  contacts: z.array(z.string()).optional(),
  /** A list row's description, when a user picked one. */
  description: z.string().optional(),
})
export type WaShown = z.infer<typeof waShownSchema>

/** A name's text, if it is one: cards are not validated, and `String()` of any JSON object could throw. */
const textOf = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined

/** A contact card's name as Meta sends it (`name.formatted_name`), or whatever names it; "contact" if nothing does. */
export function contactName(card: unknown): string {
  const c = (typeof card === 'object' && card !== null ? card : {}) as { name?: unknown }
  if (typeof c.name === 'string') return c.name
  const name = (typeof c.name === 'object' && c.name !== null ? c.name : {}) as {
    formatted_name?: unknown
    first_name?: unknown
  }
  return textOf(name.formatted_name) ?? textOf(name.first_name) ?? 'contact'
}

/** What a session message shows besides its text; undefined for plain text. */
export function shownOfSession(session: WaSession): WaShown | undefined {
  switch (session.type) {
    case 'text':
    case 'hsm':
      return undefined
    case 'location': {
      const { latitude, longitude, name, address } = session.location
      return { place: { latitude: String(latitude), longitude: String(longitude), name, address } }
    }
    case 'contacts':
      return { contacts: session.contacts.map(contactName) }
    case 'list':
      return {
        header: session.list.header?.text,
        footer: session.list.footer?.text,
        button: session.list.action.button,
        choices: session.list.action.sections.flatMap((s) => s.rows.map((r) => r.title)),
      }
    case 'reply':
      return {
        header: session.reply.header?.text,
        footer: session.reply.footer?.text,
        choices: session.reply.action.buttons.map((b) => b.reply.title),
      }
    default: {
      const media = (session as unknown as Record<string, { url: string; mimeType?: string; filename?: string }>)[
        session.type
      ]!
      return { media: { url: media.url, mimeType: media.mimeType, filename: media.filename } }
    }
  }
}
