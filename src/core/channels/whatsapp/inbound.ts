/**
 * @module What WhatsApp users push to apps (notes §2.6, D-WAWH): incoming messages (MO: text,
 * media, location, contacts), template quick-reply postbacks, list and reply-button answers, and
 * marketing opt-out/opt-in (`user_preference`) — each key for key as the vendor's sample, with
 * `attachments`, `location` and `contacts` as JSON-encoded strings and `tid` ending "_0". Every
 * message from the user (not a preference) opens the 24-hour window for its app; a preference
 * "stop" makes marketing templates fail for the user, "resume" lifts it.
 */
import { z } from 'zod'
import { inboundApp } from '../../kernel/inbound-app.js'
import type { InboundSpec } from '../channel.js'
import { contactName, type WaShown } from './shown.js'
import type { WhatsappState } from './state.js'

/** Who wrote in: the user's ids and profile, and the app (an asset; the first of whatsapp.apps when absent). */
const user = {
  waid: z.string().trim().min(1),
  bsuid: z.string().default(''),
  appId: z.string().trim().min(1).optional(),
  userId: z.string().default(''),
  username: z.string().default(''),
  identityKeyHash: z.string().default(''),
  userHandle: z.string().default(''),
}

const waInboundMoSchema = z.strictObject({
  ...user,
  /** The text (type "text"). */
  text: z.string().max(10_000).optional(),
  /** The media type, with `attachments` (default "image"). */
  type: z.enum(['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts']).optional(),
  attachments: z
    .array(z.strictObject({ mime_type: z.string(), url: z.string(), caption: z.string().optional() }))
    .optional(),
  /** Its keys in the order the vendor's Location sample serialises them (D-WAWH): the webhook's `location` string keeps it. */
  location: z
    .strictObject({
      address: z.string().default(''),
      latitude: z.union([z.string(), z.number()]).transform(String),
      name: z.string().default(''),
      url: z.string().default(''),
      longitude: z.union([z.string(), z.number()]).transform(String),
    })
    .optional(),
  /** Contact cards as Meta sends them (`name`, `phones[{phone, wa_id, type}]`). */
  contacts: z.array(z.record(z.string(), z.unknown())).optional(),
})

const waInboundPostbackSchema = z.strictObject({
  ...user,
  buttonText: z.string(),
  buttonPayload: z.string(),
})

const waInboundListSchema = z.strictObject({
  ...user,
  listRowIdentifier: z.string(),
  listRowTitle: z.string(),
  listRowDescription: z.string().default(''),
  /** The id of the message answered (Meta's wamid). */
  contextId: z.string().default(''),
})

const waInboundReplySchema = z.strictObject({
  ...user,
  replyButtonIdentifier: z.string(),
  replyButtonTitle: z.string(),
  contextId: z.string().default(''),
})

const waInboundPreferenceSchema = z.strictObject({
  ...user,
  value: z.enum(['stop', 'resume']),
})

const userSchema = z.object(user)
type User = z.output<typeof userSchema>

function identity(input: User, state: WhatsappState) {
  const appId = inboundApp(input.appId, state.config.apps, state.defaultApp(), 'whatsapp.apps')
  return {
    appId,
    identityKeyHash: input.identityKeyHash,
    bsuid: input.bsuid,
    userHandle: input.userHandle,
    waidDerived: 'false',
  }
}

/** The data-stream format: the webhook's event with `x-wx-gtrid` and `dataIntegration` (H-DS). */
const dataStream = (payload: Record<string, unknown>) => ({
  ...payload,
  'x-wx-gtrid': '',
  dataIntegration: {
    context: { serviceId: '', serviceName: '', flowId: '', flowName: '', messagingAPI: 'false' },
    appContext: {},
  },
})

function built(
  state: WhatsappState,
  input: User,
  event: string,
  subject: string,
  payload: Record<string, unknown>,
  at: number,
  opens: boolean,
  heard: { type: string; text?: string; shown?: WaShown | undefined },
) {
  // The app identity() chose for the payload: one rule for which app an event comes to.
  const appId = String(payload.appId)
  if (opens) state.openWindow(appId, [input.waid, input.bsuid], at)
  state.hear({ appId, user: input.waid, at, event, type: heard.type, text: heard.text ?? subject, shown: heard.shown })
  return {
    event,
    from: input.waid,
    to: [appId],
    subject,
    targetEvent: event === 'MO' ? 'mo' : event,
    changed: 'whatsapp',
    payloads: { webhook: payload, datastream: dataStream(payload) },
  }
}

/** What an MO shows besides its text: its first attachment, its place, its contact cards. */
function heardShown(input: z.output<typeof waInboundMoSchema>): WaShown | undefined {
  const [media] = input.attachments ?? []
  if (media) return { media: { url: media.url, mimeType: media.mime_type } }
  if (input.location) {
    const { latitude, longitude, name, address } = input.location
    return { place: { latitude, longitude, name, address } }
  }
  if (input.contacts) return { contacts: input.contacts.map(contactName) }
  return undefined
}

export function waInbound(): Record<string, InboundSpec<WhatsappState>> {
  return {
    whatsapp: {
      schema: waInboundMoSchema,
      summary: 'An incoming WhatsApp message (MO: text, media, location, contacts); opens the 24-hour window',
      events: ['mo'],
      path: '/inbound/whatsapp',
      build(input: z.output<typeof waInboundMoSchema>, state, { tid, ts, at }) {
        const ids = identity(input, state)
        const type =
          input.type ??
          (input.location ? 'location' : input.contacts ? 'contacts' : input.attachments ? 'image' : 'text')
        const head = { userId: input.userId, channel: 'WhatsApp', appId: ids.appId, event: 'MO', waid: input.waid }
        const tail = {
          identityKeyHash: ids.identityKeyHash,
          bsuid: ids.bsuid,
          userHandle: ids.userHandle,
          waidDerived: ids.waidDerived,
        }
        const payload =
          type === 'location'
            ? {
                // The vendor's Location sample has `username` second, as its other samples do not.
                userId: head.userId,
                username: input.username,
                channel: head.channel,
                appId: head.appId,
                event: head.event,
                waid: head.waid,
                message: input.text ?? '',
                attachments: '[]',
                system: '',
                location: JSON.stringify(input.location ?? {}),
                ts,
                tid: `${tid}_0`,
                ...tail,
              }
            : {
                ...head,
                message: input.text ?? '',
                attachments: JSON.stringify(input.attachments ?? []),
                system: '',
                location: '',
                ts,
                tid: `${tid}_0`,
                contacts: JSON.stringify(input.contacts ?? []),
                username: input.username,
                identityKeyHash: ids.identityKeyHash,
                type,
                bsuid: ids.bsuid,
                userHandle: ids.userHandle,
                waidDerived: ids.waidDerived,
              }
        return built(state, input, 'MO', input.text ?? type, payload, at, true, {
          type,
          text: input.text ?? input.attachments?.[0]?.caption ?? '',
          shown: heardShown(input),
        })
      },
    },
    whatsappPostback: {
      path: '/inbound/whatsapp/postback',
      schema: waInboundPostbackSchema,
      summary: 'A template quick-reply button pressed (event postback); opens the window',
      events: ['postback'],
      build(input: z.output<typeof waInboundPostbackSchema>, state, { tid, ts, at }) {
        const ids = identity(input, state)
        const payload = {
          userId: input.userId,
          username: input.username,
          channel: 'WhatsApp',
          appId: ids.appId,
          event: 'postback',
          waid: input.waid,
          ts,
          tid: `${tid}_0`,
          buttonPayload: input.buttonPayload,
          buttonText: input.buttonText,
          errors: '',
          identityKeyHash: ids.identityKeyHash,
          bsuid: ids.bsuid,
          userHandle: ids.userHandle,
          waidDerived: ids.waidDerived,
        }
        return built(state, input, 'postback', input.buttonText, payload, at, true, { type: 'button' })
      },
    },
    whatsappList: {
      path: '/inbound/whatsapp/list',
      schema: waInboundListSchema,
      summary: 'A list message row chosen (event list); opens the window',
      events: ['list'],
      build(input: z.output<typeof waInboundListSchema>, state, { tid, ts, at }) {
        const ids = identity(input, state)
        const payload = {
          userId: input.userId,
          channel: 'WhatsApp',
          appId: ids.appId,
          event: 'list',
          waid: input.waid,
          listRowIdentifier: input.listRowIdentifier,
          listRowTitle: input.listRowTitle,
          listRowDescription: input.listRowDescription,
          contextId: input.contextId,
          ts,
          tid: `${tid}_0`,
          username: input.username,
          identityKeyHash: ids.identityKeyHash,
          bsuid: ids.bsuid,
          userHandle: ids.userHandle,
          waidDerived: ids.waidDerived,
        }
        return built(state, input, 'list', input.listRowTitle, payload, at, true, {
          type: 'list_reply',
          shown: input.listRowDescription ? { description: input.listRowDescription } : undefined,
        })
      },
    },
    whatsappReply: {
      path: '/inbound/whatsapp/reply',
      schema: waInboundReplySchema,
      summary: 'A reply button pressed (event reply); opens the window',
      events: ['reply'],
      build(input: z.output<typeof waInboundReplySchema>, state, { tid, ts, at }) {
        const ids = identity(input, state)
        const payload = {
          userId: input.userId,
          channel: 'WhatsApp',
          appId: ids.appId,
          event: 'reply',
          waid: input.waid,
          replyButtonIdentifier: input.replyButtonIdentifier,
          replyButtonTitle: input.replyButtonTitle,
          contextId: input.contextId,
          ts,
          tid: `${tid}_0`,
          username: input.username,
          identityKeyHash: ids.identityKeyHash,
          bsuid: ids.bsuid,
          userHandle: ids.userHandle,
          waidDerived: ids.waidDerived,
        }
        return built(state, input, 'reply', input.replyButtonTitle, payload, at, true, { type: 'button_reply' })
      },
    },
    whatsappPreference: {
      path: '/inbound/whatsapp/user_preference',
      schema: waInboundPreferenceSchema,
      summary: 'A user stops or resumes marketing messages (event user_preference)',
      events: ['user_preference'],
      build(input: z.output<typeof waInboundPreferenceSchema>, state, { tid, ts, at }) {
        const ids = identity(input, state)
        state.setPreference(ids.appId, input.waid, input.value === 'stop')
        const payload = {
          userId: input.userId,
          username: input.username,
          channel: 'WhatsApp',
          appId: ids.appId,
          event: 'user_preference',
          waid: input.waid,
          user_preferences: [
            {
              waNumber: input.waid.startsWith('+') ? input.waid : `+${input.waid}`,
              detail: `User requested to ${input.value} marketing messages`,
              category: 'marketing_messages',
              value: input.value,
              timestamp: String(Math.floor(at / 1000)),
            },
          ],
          ts,
          tid: `${tid}_0`,
          identityKeyHash: ids.identityKeyHash,
          bsuid: ids.bsuid,
          userHandle: ids.userHandle,
          waidDerived: ids.waidDerived,
        }
        return built(state, input, 'user_preference', `${input.value} marketing messages`, payload, at, false, {
          type: 'user_preference',
        })
      },
    },
  }
}
