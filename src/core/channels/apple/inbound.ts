/**
 * @module What Apple Messages for Business users push to apps (D-AMBWH): incoming messages (MO) and
 * the answers to interactive messages — a list or time picker (INTERACTIVERESPONSE), a quick reply
 * (QuickReplyResponse), an authentication (AuthenticationResponse, or NewAuthenticationResponse)
 * and a form (FormResponse) — each key for key, in the sample's order, with the answer as the
 * JSON-encoded string the vendor posts.
 */
import { z } from 'zod'
import type { DefaultOutcomeState } from '../../kernel/default-outcome-state.js'
import { inboundApp } from '../../kernel/inbound-app.js'
import type { InboundSpec } from '../channel.js'

type AppleState = DefaultOutcomeState<{ apps: string[]; defaultOutcome: string }>

/** D-AMBWH's capabilityList of the interactive samples (URL-encoded, comma-separated). */
const fullCapabilities = 'AUTH%2CLIST%2CTIME%2CFORM%2CQUICK%2CAUTH2'

const who = {
  abcUserId: z.string().trim().min(1),
  appId: z.string().trim().min(1).optional(),
  abcAccountId: z.string().default(''),
  locale: z.string().default('en_US'),
  /** What the user's device supports, as the vendor posts it (URL-encoded, comma-separated). */
  capabilityList: z.string().default(fullCapabilities),
  /** The interactive message answered (the request's `requestIdentifier`). */
  requestIdentifier: z.string().default(''),
}

const moSchema = z.strictObject({
  ...who,
  text: z.string().max(10_000).default(''),
  capabilityList: z.string().default('AUTH%2CLIST%2CTIME%2CQUICK'),
})

/** A list item as Apple sends it (identifier, style, title, url, order), its keys kept in their order. */
const item = z
  .record(z.string(), z.unknown())
  .refine(
    (i) => typeof i.identifier === 'string' && typeof i.title === 'string',
    'an item needs an identifier and a title',
  )

const interactiveSchema = z
  .strictObject({
    ...who,
    /** A list picker's answer: the items chosen and the others (D-AMBWH "Listpicker"). */
    listPicker: z
      .strictObject({ selectedItems: z.array(item).min(1), otherItems: z.array(item).default([]) })
      .optional(),
    /** A time picker's answer as Apple sends it: identifier, timezoneOffset, location, title, timeslots. */
    datePicker: z.record(z.string(), z.unknown()).optional(),
    /** Images of the answered message, as the vendor posts them (size, name, mimeType, type, url). */
    attachments: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .refine((input) => (input.listPicker === undefined) !== (input.datePicker === undefined), {
    message: 'give either listPicker or datePicker',
    path: ['listPicker'],
  })

const quickReplySchema = z
  .strictObject({
    ...who,
    items: z.array(z.strictObject({ identifier: z.string().min(1), title: z.string() })).min(1),
    /** The `identifier` of the item tapped. */
    selectedIdentifier: z.string().min(1),
  })
  .refine((input) => input.items.some((i) => i.identifier === input.selectedIdentifier), {
    message: 'selectedIdentifier must be the identifier of one of items',
    path: ['selectedIdentifier'],
  })

const authenticationSchema = z.strictObject({
  ...who,
  /** "classic" posts AuthenticationResponse, "new" NewAuthenticationResponse (D-AMBWH). */
  version: z.enum(['classic', 'new']).default('classic'),
  /** Default: "authenticated" (classic) or "success" (new), as the samples. */
  status: z.string().optional(),
  /** The OAuth token; a fresh id when not given. */
  token: z.string().optional(),
})

const formSchema = z.strictObject({
  ...who,
  /** The pages answered: `pageIdentifier`, `title`, `subtitle`, `items` [{identifier, value, type, title}]. */
  selections: z
    .array(z.looseObject({ pageIdentifier: z.string(), items: z.array(z.record(z.string(), z.unknown())) }))
    .min(1),
  private: z.boolean().default(true),
  version: z.string().default('1.1'),
})

type Who = z.output<z.ZodObject<typeof who>>

function posted(
  state: AppleState,
  input: Who,
  event: string,
  targetEvent: string,
  subject: string,
  body: (appId: string) => Record<string, unknown>,
) {
  const appId = inboundApp(input.appId, state.ctx.config.apps, state.ctx.tenant.appId, 'AppleBusinessChat.apps')
  const payload = body(appId)
  return {
    event,
    from: input.abcUserId,
    to: [appId],
    subject,
    targetEvent,
    payloads: { webhook: payload, datastream: { ...payload, 'x-wx-gtrid': '' } },
  }
}

const head = (input: Who, appId: string, event: string, ts: string, tid: string) => ({
  abcUserId: input.abcUserId,
  channel: 'AppleBusinessChat',
  abcAccountId: input.abcAccountId,
  appId,
  event,
  ts,
  tid,
})

/** The keys that end an interactive or quick-reply answer, in the samples' order. */
const answerTail = (
  input: Pick<z.output<typeof interactiveSchema>, 'locale' | 'requestIdentifier' | 'capabilityList'>,
) => ({
  locale: input.locale,
  bizGroupId: '',
  bizIntentId: '',
  requestIdentifier: input.requestIdentifier,
  timezone: '',
  capabilities: '',
  deviceAgent: '',
  capabilityList: input.capabilityList,
})

export function appleInbound(): Record<string, InboundSpec<AppleState>> {
  return {
    appleBusinessChat: {
      schema: moSchema,
      summary: 'An incoming Apple Messages for Business message (MO)',
      events: ['mo'],
      path: '/inbound/AppleBusinessChat',
      build(input: z.output<typeof moSchema>, state, { tid, ts }) {
        return posted(state, input, 'MO', 'mo', input.text, (appId) => ({
          ...head(input, appId, 'MO', ts, tid),
          message: input.text,
          attachments: '',
          locale: input.locale,
          bizGroupId: '',
          bizIntentId: '',
          requestIdentifier: input.requestIdentifier,
          timestamp: '',
          capabilities: '',
          deviceAgent: '',
          capabilityList: input.capabilityList,
        }))
      },
    },
    appleInteractive: {
      schema: interactiveSchema,
      summary: 'A list picker or time picker answered (event INTERACTIVERESPONSE)',
      events: ['interactive'],
      path: '/inbound/AppleBusinessChat/interactive',
      build(input: z.output<typeof interactiveSchema>, state, { tid, ts }) {
        const list = input.listPicker
        const listPicker = list
          ? JSON.stringify({
              otherItemCount: list.otherItems.length,
              selectedItemCount: list.selectedItems.length,
              otherItems: list.otherItems,
              selectedItems: list.selectedItems,
            })
          : ''
        const subject = list ? list.selectedItems.map((i) => String(i.title)).join(', ') : 'time picker'
        return posted(state, input, 'INTERACTIVERESPONSE', 'interactive', subject, (appId) => ({
          ...head(input, appId, 'INTERACTIVERESPONSE', ts, tid),
          message: '',
          attachments: input.attachments ? JSON.stringify(input.attachments) : '',
          datePicker: input.datePicker ? JSON.stringify(input.datePicker) : '',
          listPicker,
          ...answerTail(input),
        }))
      },
    },
    appleQuickReply: {
      schema: quickReplySchema,
      summary: 'A quick reply tapped (event QuickReplyResponse)',
      events: ['quick_reply'],
      path: '/inbound/AppleBusinessChat/quick-reply',
      build(input: z.output<typeof quickReplySchema>, state, { tid, ts }) {
        const selectedIndex = input.items.findIndex((i) => i.identifier === input.selectedIdentifier)
        return posted(
          state,
          input,
          'QuickReplyResponse',
          'quick_reply',
          input.items[selectedIndex]!.title,
          (appId) => ({
            ...head(input, appId, 'QuickReplyResponse', ts, tid),
            quickreplies: JSON.stringify({
              selectedIdentifier: input.selectedIdentifier,
              items: input.items,
              selectedIndex,
            }),
            ...answerTail(input),
          }),
        )
      },
    },
    appleAuthentication: {
      schema: authenticationSchema,
      summary: 'An authentication answered (event AuthenticationResponse, or NewAuthenticationResponse)',
      events: ['authentication'],
      path: '/inbound/AppleBusinessChat/authentication',
      build(input: z.output<typeof authenticationSchema>, state, { tid, ts }) {
        const classic = input.version === 'classic'
        const event = classic ? 'AuthenticationResponse' : 'NewAuthenticationResponse'
        const authenticateStatus = input.status ?? (classic ? 'authenticated' : 'success')
        return posted(state, input, event, 'authentication', authenticateStatus, (appId) => ({
          ...head(input, appId, event, ts, tid),
          authenticateStatus,
          authenticateToken: input.token ?? state.ctx.uuid(),
          requestIdentifier: input.requestIdentifier,
          // The classic sample has `capabilities` (empty); the new one has none. Both carry the time as `timezone`.
          ...(classic ? { capabilities: '' } : {}),
          timezone: ts,
          deviceAgent: '',
          capabilityList: input.capabilityList,
        }))
      },
    },
    appleForm: {
      schema: formSchema,
      summary: 'A form submitted (event FormResponse)',
      events: ['form'],
      path: '/inbound/AppleBusinessChat/form',
      build(input: z.output<typeof formSchema>, state, { tid, ts }) {
        const formResponse = JSON.stringify({
          template: 'messageForms',
          version: input.version,
          private: input.private,
          selections: input.selections,
        })
        return posted(state, input, 'FormResponse', 'form', 'form', (appId) => ({
          ...head(input, appId, 'FormResponse', ts, tid),
          formResponse,
          locale: input.locale,
          requestIdentifier: input.requestIdentifier,
          deviceAgent: '',
          capabilityList: input.capabilityList,
        }))
      },
    },
  }
}

const common = {
  abcUserId: z.string(),
  channel: z.literal('AppleBusinessChat'),
  abcAccountId: z.string(),
  appId: z.string(),
  ts: z.string(),
  tid: z.string(),
  requestIdentifier: z.string(),
  deviceAgent: z.string(),
  capabilityList: z.string(),
}

/** Every event posted, for the OpenAPI `webhooks` (D-AMBWH). */
export const appleInboundPayloadSchema = z.union([
  z.object({
    ...common,
    event: z.literal('MO'),
    message: z.string(),
    attachments: z.string(),
    locale: z.string(),
    bizGroupId: z.string(),
    bizIntentId: z.string(),
    timestamp: z.string(),
    capabilities: z.string(),
  }),
  z.object({
    ...common,
    event: z.literal('INTERACTIVERESPONSE'),
    message: z.string(),
    attachments: z.string(),
    datePicker: z.string(),
    listPicker: z.string(),
    locale: z.string(),
    bizGroupId: z.string(),
    bizIntentId: z.string(),
    timezone: z.string(),
    capabilities: z.string(),
  }),
  z.object({
    ...common,
    event: z.literal('QuickReplyResponse'),
    quickreplies: z.string(),
    locale: z.string(),
    bizGroupId: z.string(),
    bizIntentId: z.string(),
    timezone: z.string(),
    capabilities: z.string(),
  }),
  z.object({
    ...common,
    event: z.enum(['AuthenticationResponse', 'NewAuthenticationResponse']),
    authenticateStatus: z.string(),
    authenticateToken: z.string(),
    capabilities: z.string().optional(),
    timezone: z.string(),
  }),
  z.object({ ...common, event: z.literal('FormResponse'), formResponse: z.string(), locale: z.string() }),
])
