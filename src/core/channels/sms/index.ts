/**
 * @module The SMS channel: the Send Message API v2 with `channel: "sms"` (and, through the same
 * plan, the Send SMS API v1 and the Messaging API v1), played out as an SMS gateway and operator
 * would — Submitted, Delivered with its part count and carrier, Failed before the operator,
 * Un-Delivered at it, expiry, Clicked for shortened and tracked links — with the vendor's receipts
 * in both formats and incoming messages (MO). Numbers from the fiction ranges choose their fate
 * (numbers.ts). MMS and RCS live beside it in this folder: they share numbers and the grammar.
 */

import { sandboxV1Refusal } from '../../apis/sandbox-v1-refusal.js'
import type { WebhookFormat } from '../../kernel/formats.js'
import type { ChannelDefinition, ReceiptContext } from '../channel.js'
import {
  refuseSmsV1,
  type SmsMessagingV1Request,
  smsMessagingV1Schema,
  smsSendFromMessagingV1,
} from './api-messaging-v1.js'
import { type SmsV1Request, smsSendFromV1, smsV1RequestSchema } from './api-v1.js'
import { smsFailureCodes } from './codes.js'
import { smsConfigSchema } from './config.js'
import { parseSmsOutcome, smsOutcomeNames } from './grammar.js'
import { smsInbound } from './inbound.js'
import { planSmsAction, smsActionSchema } from './manual-actions.js'
import {
  buildSmsDataStreamReceipt,
  buildSmsStatusCallback,
  buildSmsWebhookReceipt,
  smsReceiptFacts,
} from './payloads.js'
import { planSms, type SmsFacts, type SmsSend } from './plan.js'
import { smsReceiptNames, smsReceipts, smsStatuses } from './receipts.js'
import { type SmsMessage, type SmsRecipient, smsMessageSchema } from './record.js'
import { smsRoutes } from './routes.js'
import {
  smsDataStreamInboundSchema,
  smsDataStreamReceiptSchema,
  smsStatusCallbackSchema,
  smsWebhookInboundSchema,
  smsWebhookReceiptSchema,
} from './schemas/payloads.js'
import { type SmsSendRequest, smsSendRequestSchema } from './schemas/send-request.js'
import { SmsState, smsSnapshotSchema } from './state.js'

/** A Send Message API v2 request, as the SMS plan reads every API's request. */
function smsSendFromV2(request: SmsSendRequest): SmsSend {
  const correlationId = request.to[0]!.correlationId ?? ''
  return {
    api: 'v2',
    from: request.from,
    destinations: request.to.flatMap((entry, i) =>
      entry.msisdn.map((number, j) => ({
        number,
        correlationId: entry.correlationId ?? '',
        substitutions: entry.substitutions,
        field: `to[${i}].msisdn[${j}]`,
      })),
    ),
    substitutions: request.substitutions,
    content: request.content,
    templateId: request.template === undefined ? undefined : String(request.template.id),
    trackLinks: request.options?.shortenLinks === true && request.options.trackClicks === true,
    requestedReceipts: request.requestedReceipts,
    sendAt: request.sendAt,
    expireAt: request.expireAt,
    validity: request.validity,
    batchId: request.batchId,
    correlationId,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyUrl,
    notifyUrlAuthId: request.notifyUrlAuthId,
    contactPolicy: request.contactPolicy,
  }
}

export const smsChannel = {
  name: 'sms' as const,
  label: 'SMS',
  consentChannel: 'text',
  configSchema: smsConfigSchema,
  configGroups: (slice) =>
    slice.keywords.map(({ keyword, group }, i) => ({ path: ['keywords', i, 'group'], group, what: `"${keyword}"` })),
  receipts: smsReceipts,
  receiptNames: smsReceiptNames,
  vocabulary: {
    statuses: smsStatuses,
    destination: 'number',
    outcomes: smsOutcomeNames,
    actionChoices: { fail: [...smsFailureCodes.keys()] },
    notAfterDelivery: ['deliver', 'fail'],
  },
  ruleKeys: ['address', 'number', 'prefix', 'glob', 'regex'],
  parseOutcome: parseSmsOutcome,

  createState: (ctx) => new SmsState(ctx),

  v2: {
    schema: smsSendRequestSchema,
    destinations: (request: SmsSendRequest) => request.to.reduce((n, entry) => n + entry.msisdn.length, 0),
    plan: (request: SmsSendRequest, state, now) => planSms(smsSendFromV2(request), state, now),
  },

  apis: {
    'messaging-v1': {
      schema: smsMessagingV1Schema,
      deliveryChannels: ['sms'],
      destinations: (request: SmsMessagingV1Request) => request.destination.reduce((n, d) => n + d.msisdn.length, 0),
      plan: (request: SmsMessagingV1Request, state, now) => planSms(smsSendFromMessagingV1(request, state), state, now),
      refuse: refuseSmsV1,
    },
    'sms-v1': {
      schema: smsV1RequestSchema,
      destinations: () => 1,
      plan: (request: SmsV1Request, state, now, context) => {
        state.idempotency.check(context.idempotencyKey, now, state.config.v1.idempotencyWindow)
        return planSms(smsSendFromV1(request), state, now)
      },
      refuse: sandboxV1Refusal,
      accepted: (message, state, context, now) => {
        state.idempotency.remember(context.idempotencyKey, message.messageId, now)
      },
    },
  },

  recordSchema: smsMessageSchema,
  snapshotSchema: smsSnapshotSchema,

  buildReceipt(format: WebhookFormat, context: ReceiptContext) {
    const facts = smsReceiptFacts(context, (context.state as SmsState).config.carrier)
    return format === 'webhook' ? buildSmsWebhookReceipt(facts) : buildSmsDataStreamReceipt(facts)
  },

  notifyUrlReceipt(context: ReceiptContext) {
    const message = context.message as SmsMessage
    const { config } = context.state as SmsState
    if (message.api !== 'sms-v1' || config.v1.callbackFormat !== 'status') return undefined
    return buildSmsStatusCallback(smsReceiptFacts(context, config.carrier))
  },

  actions: {
    schema: smsActionSchema,
    plan: (action, history, facts, recipient) => planSmsAction(action, history, facts as SmsFacts, recipient),
  },

  inbound: smsInbound(),

  routes: (state) => smsRoutes(state.controls()),
  face: (state) => ({ controls: state.controls() }),
  statusView: (message, recipient) => ({
    toType: 'msisdn',
    content: { text: (message as SmsMessage).text, type: (message as SmsMessage).contentType },
    extra: { numSegments: String((recipient as SmsRecipient).messageCount) },
    upperCaseReceipts: true,
  }),
  remoteSetup: (slice) => [
    { method: 'PUT', path: '/sms/settings', body: { e164: slice.e164, senders: slice.senders } },
  ],
  remoteSetupKeys: ['e164', 'senders'],

  payloads: {
    smsDeliveryReceipt: {
      summary: 'SMS delivery receipt, outbound-webhook format (to notifyUrl and "webhook" targets)',
      schema: smsWebhookReceiptSchema,
    },
    smsDataStreamReceipt: {
      summary: 'SMS delivery receipt, data-stream format ("datastream" targets)',
      schema: smsDataStreamReceiptSchema,
    },
    smsStatusCallback: {
      summary: 'Send SMS API v1 status callback (to callbackUrl, sms.v1.callbackFormat "status")',
      schema: smsStatusCallbackSchema,
    },
    inboundSms: { summary: 'Incoming SMS (MO), outbound-webhook format', schema: smsWebhookInboundSchema },
    dataStreamInboundSms: { summary: 'Incoming SMS (MO), data-stream format', schema: smsDataStreamInboundSchema },
  },
} satisfies ChannelDefinition<SmsState, typeof smsConfigSchema, 'sms'>
