/**
 * @module Facebook Messenger on the Messaging API v1 (`deliverychannel: "fb"`, notes §1.7, §2.9:
 * D-FB, D-FBWH): `appid`, `destination[].psid`, `channels."OTT-Messaging".fb` with `text`,
 * `attachment` or `sender_action`; receipts Submitted → Delivered → Read or Failed, and incoming
 * messages and postbacks. Meta's 24-hour standard messaging window (state.ts): an inbound message
 * opens it, a message outside it fails with 7313 unless tagged. Outcomes by rule or
 * `fb.defaultOutcome` (the phone grammar over the Messenger codes). docs/v1-messaging.md;
 * docs/decisions/012-messaging-api-v1.md, 015-messenger-window.md.
 */
import { z } from 'zod'
import {
  destinationCorrelation,
  v1CommonShape,
  v1Correlation,
  v1DestinationCorrelationShape,
  v1Refusal,
} from '../../apis/v1-messaging.js'
import { nonBlankString } from '../../apis/v2-schemas.js'
import { answers, defineRoute } from '../../kernel/control-route.js'
import { EmulatorError } from '../../kernel/errors.js'
import { dataStreamReceipt, type WebhookFormat } from '../../kernel/formats.js'
import { inboundApp } from '../../kernel/inbound-app.js'
import { baseMessageSchema, baseRecipientSchema } from '../../kernel/message-store.js'
import { type PhoneOutcome, parsePhoneOutcome, playedOutcome } from '../../kernel/phone-outcome.js'
import { ruleOutcome } from '../../kernel/rules.js'
import type { ChannelDefinition, PlannedStep, ReceiptContext } from '../channel.js'
import { MessengerState, messengerConfigSchema, messengerSnapshotSchema } from './state.js'

/** D-CODES "Messenger". */
const codes: ReadonlyMap<string, { description: string }> = new Map(
  (
    [
      ['7010', 'Service provider exception.'],
      ['7011', 'Unknown Exception'],
      ['7301', 'Message expired'],
      ['7303', 'Endpoint not reachable'],
      ['7313', 'Inbound message not received from the user'],
      ['7526', 'Either subscription messaging permission not enabled or invalid tag received from the request'],
    ] as const
  ).map(([code, description]) => [code, { description }]),
)
const table = { codes, aliases: new Map<string, string>(), defaults: { failed: '7010', undelivered: '7010' } }
/** The phone grammar, but for `hold`: Messenger takes no manual actions, so nothing could release one. */
const parseOutcome = (name: string) => {
  const outcome = parsePhoneOutcome(name, table)
  return outcome?.kind === 'hold' ? undefined : outcome
}

const requestSchema = z.object({
  deliverychannel: z.string(),
  appid: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  destination: z
    .array(
      z.object({
        psid: z
          .array(
            z
              .union([z.string(), z.number()])
              .transform(String)
              .refine((v) => v.trim() !== '', 'blank'),
          )
          .min(1),
        ...v1DestinationCorrelationShape,
      }),
    )
    .min(1),
  channels: z
    .object({
      'OTT-Messaging': z
        .object({
          fb: z
            .looseObject({
              text: nonBlankString('the message text').max(2000, 'at most 2000 characters').optional(),
              attachment: z
                .object({ type: z.enum(['image', 'audio', 'video', 'file', 'template']), payload: z.looseObject({}) })
                .optional(),
              sender_action: z.enum(['mark_seen', 'typing_on', 'typing_off']).optional(),
              quick_replies: z
                .array(z.looseObject({ content_type: z.string() }))
                .max(13)
                .optional(),
              notification_type: z.enum(['REGULAR', 'NO_PUSH', 'SILENT_PUSH']).optional(),
              messaging_type: z.enum(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']).optional(),
              tag: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  ...v1CommonShape,
})
type Request = z.infer<typeof requestSchema>

const messengerRecordSchema = baseMessageSchema.extend({
  channel: z.literal('fb'),
  api: z.literal('messaging-v1'),
  appId: z.string(),
  text: z.string(),
  recipients: z.array(baseRecipientSchema),
})

const receipts = {
  submitted: { code: '7501', status: 'Submitted', requestedAs: ['submitted'] },
  delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
  read: { code: '7502', status: 'Read', requestedAs: ['read'] },
  failed: { code: '7010', status: 'Failed', requestedAs: ['failed'], final: true },
} as const

const step = (kind: string, after: number, description: string, code?: string, additionalInfo = ''): PlannedStep => ({
  kind,
  after,
  description,
  additionalInfo,
  ...(code ? { code } : {}),
})

function plan(request: Request, state: MessengerState, now: number) {
  const { config } = state.ctx
  if (config.apps.length > 0 && !config.apps.includes(request.appid))
    throw new EmulatorError('invalid_app_id', 'Invalid app id', 'appid', `"${request.appid}" is not one of fb.apps`)
  const ott = request.channels?.['OTT-Messaging']
  if (!ott)
    throw new EmulatorError(
      'missing_parameter',
      "param 'OTT-Messaging' missing for channel fb",
      'channels.OTT-Messaging',
    )
  if (!ott.fb)
    throw new EmulatorError('missing_parameter', "param 'fb' missing for channel fb", 'channels.OTT-Messaging.fb')
  const fb = ott.fb
  if (fb.text === undefined && fb.attachment === undefined && fb.sender_action === undefined)
    throw new EmulatorError(
      'missing_parameter',
      "param 'text' missing for channel fb",
      'channels.OTT-Messaging.fb.text',
    )
  const correlation = v1Correlation(request)
  const { delays } = config
  const rules = state.ctx.rules()
  const recipients = request.destination.flatMap((d) =>
    d.psid.map((psid) => {
      const correlationId = destinationCorrelation(d, correlation)
      // Meta refuses the send itself: one Failed receipt, never Submitted (as WhatsApp's 7710).
      const refused = state.windowFailure(request.appid, psid, fb, now)
      if (refused)
        return {
          address: psid,
          correlationId,
          fate: `failed ${refused.code} (${refused.why})`,
          fields: {},
          steps: [
            step('failed', delays.failed, codes.get(refused.code)!.description, refused.code, refused.additionalInfo),
          ],
          held: false,
        }
      const fromRule = ruleOutcome(rules, psid) as PhoneOutcome | undefined
      // This API has no contact-policy check: a forced verdict plays the default outcome.
      const outcome = playedOutcome(fromRule ?? state.defaultOutcome, state.defaultOutcome)
      const steps = [step('submitted', delays.submitted, 'Submitted')]
      if (outcome.kind === 'failure')
        steps.push(
          step('failed', Math.max(delays.failed, delays.submitted), codes.get(outcome.code)!.description, outcome.code),
        )
      else if (outcome.kind === 'delivered') {
        steps.push(step('delivered', delays.delivered, 'Delivered'))
        // A sender action (typing, mark_seen) is not a message anyone reads.
        if ((config.read || outcome.read) && !fb.sender_action)
          steps.push(step('read', Math.max(delays.read, delays.delivered), 'Read'))
      }
      return {
        address: psid,
        correlationId,
        fate: `${outcome.kind === 'failure' ? `failed ${outcome.code}` : outcome.kind} (${fromRule ? 'rule' : 'default'})`,
        fields: {},
        steps,
      }
    }),
  )
  return {
    from: request.appid,
    correlationId: correlation,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyurl,
    notifyUrlAuthId: request.notifyurlAuthId,
    requestedReceipts: undefined,
    startsAt: now,
    fields: {
      api: 'messaging-v1',
      appId: request.appid,
      text: fb.text ?? fb.attachment?.type ?? fb.sender_action ?? '',
    },
    facts: undefined,
    recipients,
  }
}

/**
 * D-FBWH's receipts: "as-documented" copies each sample (Submitted spelt "Submited", as the vendor
 * does, without `additionalInfo` or `subtid`); "full" gives every receipt the whole envelope and
 * spells "Submitted". docs/decisions/012-messaging-api-v1.md.
 */
function buildReceipt(format: WebhookFormat, context: ReceiptContext): unknown {
  const { message, recipient, receipt, style } = context
  const documented = style === 'as-documented'
  const notification =
    documented && receipt.kind === 'submitted'
      ? {
          deliveryInfo: {
            deliveryChannel: 'fb',
            Description: 'Submited',
            destinationType: 'psid',
            timeStamp: receipt.timeStamp,
            code: receipt.code,
            deliveryStatus: 'Submited',
            destination: recipient.address,
          },
          correlationid: recipient.correlationId,
          callbackData: message.callbackData,
          transid: message.messageId,
        }
      : {
          deliveryInfo: {
            timeStamp: receipt.timeStamp,
            Description: receipt.description,
            code: receipt.code,
            deliveryChannel: 'fb',
            additionalInfo: receipt.additionalInfo,
            destination: recipient.address,
            destinationType: 'psid',
            deliveryStatus: receipt.status,
          },
          subtid: '',
          transid: message.messageId,
          callbackData: message.callbackData,
          correlationid: recipient.correlationId,
        }
  const webhook = { deliveryInfoNotification: notification }
  if (format === 'webhook') return webhook
  const { gtrid, serviceId } = message
  return dataStreamReceipt({ gtrid, serviceId, serviceName: context.serviceName }, webhook.deliveryInfoNotification)
}

const moSchema = z.strictObject({
  psid: z.string().trim().min(1),
  appId: z.string().trim().min(1).optional(),
  text: z.string().max(10_000).default(''),
  /** Attachments as Messenger sends them (posted as a JSON string). */
  attachments: z.array(z.record(z.string(), z.unknown())).optional(),
  /** A postback's payload (event "OnPostback"). */
  postback: z.string().optional(),
  userId: z.string().default(''),
  name: z.string().default(''),
  profile_pic: z.string().default(''),
  locale: z.string().default(''),
  gender: z.string().default(''),
  timezone: z.string().default(''),
})

const messengerInboundSchema = z.object({
  userId: z.string(),
  channel: z.literal('Facebook Messenger'),
  psid: z.string(),
  appId: z.string(),
  event: z.enum(['MO', 'OnPostback']),
  ts: z.string(),
  tid: z.string(),
  message: z.string(),
  attachments: z.string(),
  locale: z.string(),
  gender: z.string(),
  timezone: z.string(),
  name: z.string(),
  profile_pic: z.string(),
  postback: z.string().optional(),
})

const messengerReceiptSchema = z.object({
  deliveryInfoNotification: z.looseObject({ deliveryInfo: z.looseObject({}) }),
})

export const messengerChannel = {
  name: 'fb' as const,
  label: 'Messenger',
  consentChannel: 'text',
  configSchema: messengerConfigSchema,
  receipts,
  receiptNames: ['submitted', 'delivered', 'read', 'failed'],
  vocabulary: {
    statuses: ['Submitted', 'Delivered', 'Read', 'Failed'],
    destination: 'psid',
    outcomes: ['delivered', 'read', 'submitted', 'failed', 'fail-NNNN'],
    actionChoices: {},
  },
  ruleKeys: ['address', 'glob', 'regex'],
  parseOutcome,
  createState: (ctx) => new MessengerState(ctx, parseOutcome),
  apis: {
    'messaging-v1': {
      schema: requestSchema,
      deliveryChannels: ['fb'],
      destinations: (request: Request) => request.destination.reduce((n, d) => n + d.psid.length, 0),
      plan: (request: Request, state, now) => plan(request, state, now),
      refuse: v1Refusal('fb'),
    },
  },
  recordSchema: messengerRecordSchema,
  snapshotSchema: messengerSnapshotSchema,
  buildReceipt,
  inbound: {
    messenger: {
      schema: moSchema,
      summary:
        'An incoming Messenger message (MO), or a postback (event OnPostback) when `postback` is given; opens the 24-hour window',
      events: ['mo'],
      path: '/inbound/fb',
      build(input: z.output<typeof moSchema>, state: MessengerState, { tid, ts, at }) {
        const appId = inboundApp(input.appId, state.ctx.config.apps, state.ctx.tenant.appId, 'fb.apps')
        const event = input.postback === undefined ? 'MO' : 'OnPostback'
        state.windows.open(appId, [input.psid], at)
        const payload = {
          userId: input.userId,
          channel: 'Facebook Messenger',
          psid: input.psid,
          appId,
          event,
          ts,
          tid: `${tid}_0`,
          message: input.text,
          attachments: input.attachments ? JSON.stringify(input.attachments) : '',
          locale: input.locale,
          gender: input.gender,
          timezone: input.timezone,
          name: input.name,
          profile_pic: input.profile_pic,
          ...(input.postback === undefined ? {} : { postback: JSON.stringify({ payload: input.postback }) }),
        }
        return {
          event,
          from: input.psid,
          to: [appId],
          subject: input.text || event,
          targetEvent: 'mo',
          changed: 'fb',
          payloads: { webhook: payload, datastream: { ...payload, 'x-wx-gtrid': '' } },
        }
      },
    },
  },
  routes: (state) => [
    defineRoute({
      method: 'get',
      path: '/fb/windows',
      tag: 'fb',
      summary: 'The 24-hour standard messaging windows: app, psid, last inbound, when it closes, open now',
      responses: { 200: ['{ windows: [...] }', answers.json] },
      handle: () => ({ status: 200, body: { windows: state.listWindows() } }),
    }),
  ],
  payloads: {
    messengerDeliveryReceipt: { summary: 'Messenger delivery receipt', schema: messengerReceiptSchema },
    messengerInbound: { summary: 'Incoming Messenger message or postback', schema: messengerInboundSchema },
  },
} satisfies ChannelDefinition<MessengerState, typeof messengerConfigSchema, 'fb'>
