/**
 * @module Apple Messages for Business on the Messaging API v1 (`deliverychannel:
 * "AppleBusinessChat"`, notes §1.8, §2.10: D-AMB, D-AMBWH): `appid`, `destination[].abcUserId`
 * (or `msisdn` for an invitation), `channels.AppleBusinessChat` {`type`: text, richLink,
 * interactive, invitation, typing_start, typing_end}. Apple reports only submission: a receipt is
 * Submitted (7501) or Failed — "invitation messages do not support delivery or read status
 * events" (D-AMBWH; H-OWH lists only Submitted). Incoming messages and interactive answers as
 * D-AMBWH's samples (inbound.ts).
 */
import { z } from 'zod'
import {
  destinationCorrelation,
  v1CommonShape,
  v1Correlation,
  v1DestinationCorrelationShape,
  v1Refusal,
} from '../../apis/v1-messaging.js'
import { DefaultOutcomeState } from '../../kernel/default-outcome-state.js'
import { durationSchema } from '../../kernel/duration.js'
import { EmulatorError } from '../../kernel/errors.js'
import { dataStreamReceipt, type WebhookFormat } from '../../kernel/formats.js'
import { baseMessageSchema, baseRecipientSchema } from '../../kernel/message-store.js'
import { type PhoneOutcome, parsePhoneOutcome, playedOutcome } from '../../kernel/phone-outcome.js'
import { ruleOutcome } from '../../kernel/rules.js'
import type { ChannelDefinition, PlannedStep, ReceiptContext } from '../channel.js'
import { appleInbound, appleInboundPayloadSchema } from './inbound.js'

/** D-CODES "Apple Messages for Business" (and 7314 from D-AMBWH's Failed sample). */
const codes: ReadonlyMap<string, { description: string }> = new Map(
  (
    [
      ['7010', 'Service provider exception'],
      ['7011', 'Unknown Exception'],
      ['7301', 'Message expired'],
      ['7307', 'Endpoint not reachable'],
      ['7314', 'Invalid application details'],
      ['7316', 'Invalid application details'],
      ['7317', 'Merchant API session failed'],
      ['7738', 'Failed to upload media'],
    ] as const
  ).map(([code, description]) => [code, { description }]),
)
/** The phone grammar, but for `hold`: Apple Messages takes no manual actions, so nothing could release one. */
const parseOutcome = (name: string) => {
  const outcome = parsePhoneOutcome(name, {
    codes,
    aliases: new Map(),
    defaults: { failed: '7010', undelivered: '7010' },
  })
  return outcome?.kind === 'hold' ? undefined : outcome
}

const configSchema = z.strictObject({
  /** The tenant's Apple Messages for Business assets by app id; another `appid` is 7104. Empty: any. */
  apps: z.array(z.string().trim().min(1)).default([]),
  defaultOutcome: z.string().default('delivered'),
  delays: z
    .strictObject({ submitted: durationSchema.default(0), failed: durationSchema.default(1_000) })
    .default({ submitted: 0, failed: 1_000 }),
})
type Config = z.infer<typeof configSchema>

type AppleState = DefaultOutcomeState<Config>

const ids = z
  .array(
    z
      .union([z.string(), z.number()])
      .transform(String)
      .refine((v) => v.trim() !== '', 'blank'),
  )
  .min(1)

/** D-AMB "Text with Attachments": each attachment's `url` and `mimeType` are mandatory. */
/** A URL or MIME type of only spaces names nothing, as an empty one does. */
const given = z.string().refine((value) => value.trim() !== '', 'blank')

const attachment = z.looseObject({ url: given, mimeType: given })

/** D-AMB "Rich Link": `url`, `title` and `assets` (an image or a video) are mandatory. */
const richLinkData = z.looseObject({ url: given, title: z.string(), assets: z.looseObject({}) })

/**
 * D-AMB "interactive": `interactiveData` is Apple's object (list picker, time picker, quick reply,
 * form, authentication, iMessage app); only the limits Webex Connect documents are checked: "only 20
 * sections … a maximum of 20 items" in a list picker, "a maximum of 10 time slot options" in a time
 * picker, "between two and five" quick-reply choices.
 */
const interactiveData = z.looseObject({
  data: z
    .looseObject({
      listPicker: z
        .looseObject({
          sections: z
            .array(z.looseObject({ items: z.array(z.unknown()).max(20, 'at most 20 items in a section') }))
            .min(1)
            .max(20, 'at most 20 sections'),
        })
        .optional(),
      event: z.looseObject({ timeslots: z.array(z.unknown()).max(10, 'at most 10 time slots').optional() }).optional(),
      'quick-reply': z
        .looseObject({
          items: z
            .array(z.looseObject({ identifier: z.string().min(1), title: z.string().min(1) }))
            .min(2, 'between two and five items')
            .max(5, 'between two and five items'),
        })
        .optional(),
    })
    .optional(),
})

/** The object each message type cannot go without (D-AMB's parameter tables: "Mandatory: Yes"). */
const contentOf = { richLink: 'richLinkData', interactive: 'interactiveData' } as const

const requestSchema = z.object({
  deliverychannel: z.string(),
  appid: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  destination: z
    .array(z.object({ abcUserId: ids.optional(), msisdn: ids.optional(), ...v1DestinationCorrelationShape }))
    .min(1)
    .refine((d) => d.every((e) => e.abcUserId || e.msisdn), 'abcUserId (or msisdn for an invitation)'),
  channels: z.object({
    AppleBusinessChat: z
      .looseObject({
        type: z.enum(['text', 'richLink', 'interactive', 'invitation', 'typing_start', 'typing_end']),
        text: z.string().optional(),
        attachments: z.array(attachment).optional(),
        richLinkData: richLinkData.optional(),
        interactiveData: interactiveData.optional(),
        /** D-AMB: "requestIdentifier … up to 100 alphanumeric characters". */
        requestIdentifier: z.string().max(100, 'at most 100 characters').optional(),
      })
      .superRefine((amb, ctx) => {
        const needed = contentOf[amb.type as keyof typeof contentOf]
        if (needed && amb[needed] === undefined)
          ctx.addIssue({ code: 'custom', path: [needed], message: `a ${amb.type} message needs ${needed}` })
      }),
  }),
  ...v1CommonShape,
})
type Request = z.infer<typeof requestSchema>

const appleRecordSchema = baseMessageSchema.extend({
  channel: z.literal('AppleBusinessChat'),
  api: z.literal('messaging-v1'),
  appId: z.string(),
  type: z.string(),
  text: z.string(),
  recipients: z.array(
    baseRecipientSchema.extend({
      destinationType: z.enum(['applebusinesschat', 'msisdn']),
      /** Apple's id for the submitted message (receipts' `subtid`). */
      subtid: z.string(),
    }),
  ),
})

const receipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted'] },
  failed: { code: '7010', status: 'Failed', requestedAs: ['failed'], final: true },
} as const

function plan(request: Request, state: AppleState, now: number) {
  const { config } = state.ctx
  if (config.apps.length > 0 && !config.apps.includes(request.appid))
    throw new EmulatorError(
      'invalid_app_id',
      'Invalid app id',
      'appid',
      `"${request.appid}" is not one of AppleBusinessChat.apps`,
    )
  const amb = request.channels.AppleBusinessChat
  // Blank is missing, as empty is: a text of only white space says nothing (decision 016).
  if (amb.type === 'text' && !amb.text?.trim())
    throw new EmulatorError(
      'missing_parameter',
      "param 'text' missing for channel AppleBusinessChat",
      'channels.AppleBusinessChat.text',
    )
  const invitation = amb.type === 'invitation'
  const correlation = v1Correlation(request)
  const rules = state.ctx.rules()
  const recipients = request.destination.flatMap((d, i) => {
    const list = (invitation ? d.msisdn : d.abcUserId) ?? []
    if (list.length === 0)
      throw new EmulatorError(
        'missing_parameter',
        invitation
          ? "param 'msisdn' missing for channel AppleBusinessChat"
          : "param 'abcUserId' missing for channel AppleBusinessChat",
        `destination[${i}]`,
        invitation ? 'an invitation goes to a phone number (msisdn)' : 'a message goes to an abcUserId',
      )
    const correlationId = destinationCorrelation(d, correlation)
    return list.map((address) => {
      const fromRule = ruleOutcome(rules, address) as PhoneOutcome | undefined
      // This API has no contact-policy check: a forced verdict plays the default outcome.
      const outcome = playedOutcome(fromRule ?? state.defaultOutcome, state.defaultOutcome)
      const steps: PlannedStep[] =
        outcome.kind === 'failure'
          ? [
              {
                kind: 'failed',
                after: config.delays.failed,
                code: outcome.code,
                description: codes.get(outcome.code)!.description,
                additionalInfo: '',
              },
            ]
          : [{ kind: 'submitted', after: config.delays.submitted, description: 'Submitted', additionalInfo: '' }]
      return {
        address,
        correlationId,
        fate: `${outcome.kind === 'failure' ? `failed ${outcome.code}` : 'submitted'} (${fromRule ? 'rule' : 'default'})`,
        fields: { destinationType: invitation ? 'msisdn' : 'applebusinesschat', subtid: state.ctx.uuid() },
        steps,
      }
    })
  })
  return {
    from: request.appid,
    correlationId: correlation,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyurl,
    notifyUrlAuthId: request.notifyurlAuthId,
    requestedReceipts: undefined,
    startsAt: now,
    fields: { api: 'messaging-v1', appId: request.appid, type: amb.type, text: amb.text ?? '' },
    facts: undefined,
    recipients,
  }
}

/** D-AMBWH's receipt, key for key. */
function buildReceipt(format: WebhookFormat, context: ReceiptContext): unknown {
  const { message, receipt } = context
  const recipient = context.recipient as z.infer<typeof appleRecordSchema>['recipients'][number]
  const webhook = {
    deliveryInfoNotification: {
      subtid: receipt.kind === 'submitted' ? recipient.subtid : '',
      deliveryInfo: {
        deliveryChannel: 'applebusinesschat',
        Description: receipt.description,
        destinationType: recipient.destinationType,
        timeStamp: receipt.timeStamp,
        code: receipt.code,
        additionalInfo: receipt.additionalInfo,
        deliveryStatus: receipt.status,
        destination: recipient.address,
      },
      correlationid: recipient.correlationId,
      callbackData: message.callbackData,
      transid: message.messageId,
    },
  }
  if (format === 'webhook') return webhook
  const { gtrid, serviceId } = message
  return dataStreamReceipt({ gtrid, serviceId, serviceName: context.serviceName }, webhook.deliveryInfoNotification)
}

const appleReceiptSchema = z.object({
  deliveryInfoNotification: z.looseObject({ deliveryInfo: z.looseObject({}) }),
})

export const appleChannel = {
  name: 'AppleBusinessChat' as const,
  label: 'Apple Messages for Business',
  consentChannel: 'text',
  configSchema,
  receipts,
  receiptNames: ['submitted', 'failed'],
  vocabulary: {
    statuses: ['Submitted', 'Failed'],
    destination: 'abcUserId',
    outcomes: ['delivered', 'failed', 'fail-NNNN'],
    actionChoices: {},
  },
  ruleKeys: ['address', 'glob', 'regex'],
  parseOutcome,
  createState: (ctx) => new DefaultOutcomeState(ctx, 'AppleBusinessChat', parseOutcome),
  apis: {
    'messaging-v1': {
      schema: requestSchema,
      deliveryChannels: ['applebusinesschat'],
      destinations: (request: Request) =>
        request.destination.reduce((n, d) => n + (d.abcUserId?.length ?? 0) + (d.msisdn?.length ?? 0), 0),
      plan: (request: Request, state, now) => plan(request, state, now),
      refuse: v1Refusal('AppleBusinessChat'),
    },
  },
  recordSchema: appleRecordSchema,
  snapshotSchema: z.object({}),
  buildReceipt,
  inbound: appleInbound(),
  payloads: {
    appleDeliveryReceipt: {
      summary: 'Apple Messages for Business receipt (Submitted or Failed only)',
      schema: appleReceiptSchema,
    },
    appleInbound: {
      summary:
        'What Apple Messages for Business users push: MO, INTERACTIVERESPONSE, QuickReplyResponse, AuthenticationResponse, FormResponse',
      schema: appleInboundPayloadSchema,
    },
  },
} satisfies ChannelDefinition<AppleState, typeof configSchema, 'AppleBusinessChat'>
