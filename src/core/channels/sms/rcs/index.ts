/**
 * @module The RCS channel: the Send Message API v2 with `channel: "rcs"` (D-RCS) — text, media,
 * rich cards, carousels, suggestions and agent events, sent from an RCS app id — played as an RCS
 * provider would: Submitted, Delivered, Read, or Failed (7010 when the number cannot take RCS),
 * with D-RCSWH's receipts in both formats and its inbound events. With `options.smsFallback`, a
 * Failed number gets the fallback SMS, sent through the SMS channel under the id
 * `<transid>_fallbackrcs` (D-RCSFAQ), so it lives the SMS lifecycle and sends SMS receipts.
 * Numbers choose their fate in the phone grammar (../numbers.ts), with RCS's codes.
 */
import { EmulatorError } from '../../../kernel/errors.js'
import type { WebhookFormat } from '../../../kernel/formats.js'
import type { BaseMessage, BaseRecipient } from '../../../kernel/message-store.js'
import type { ChannelDefinition, PlannedStep, ReceiptContext } from '../../channel.js'
import type { ClickFacts } from '../lifecycle.js'
import { type PhoneActionTable, phoneActionSchema, planPhoneAction } from '../manual-actions.js'
import { phoneRoutes } from '../phone-routes.js'
import { smsReceiptNames } from '../receipts.js'
import { parseRcsOutcome, rcsFailureAliases, rcsFailureCodes, rcsOutcomeNames } from './codes.js'
import { rcsConfigSchema } from './config.js'
import { rcsInbound } from './inbound.js'
import { buildRcsDataStreamReceipt, buildRcsWebhookReceipt, rcsReceiptFacts } from './payloads.js'
import { fallsBack, planRcs } from './plan.js'
import { rcsReceiptNames, rcsReceipts, rcsStatuses } from './receipts.js'
import { type RcsMessage, type RcsRecipient, rcsMessageSchema } from './record.js'
import {
  rcsDataStreamInboundSchema,
  rcsDataStreamReceiptSchema,
  rcsWebhookInboundSchema,
  rcsWebhookReceiptSchema,
} from './schemas/payloads.js'
import { type RcsSendRequest, rcsSendRequestSchema } from './schemas/send-request.js'
import { RcsState, rcsSnapshotSchema } from './state.js'

/**
 * The fallback SMS's message id: `<transid>_fallbackrcs` (D-RCSFAQ) for the request's first
 * number; `<transid>_<n>_fallbackrcs` for its n-th (from 1), which the vendor leaves unsaid.
 */
const fallbackMessageId = (transid: string, index: number): string =>
  index === 0 ? `${transid}_fallbackrcs` : `${transid}_${index}_fallbackrcs`

const smsNames: readonly string[] = smsReceiptNames

/** Sends the fallback SMS for one number of an RCS message, as the platform does. */
function sendFallback(message: RcsMessage, recipient: RcsRecipient, state: RcsState): void {
  const { fallback } = message
  if (!fallback) return
  const index = message.recipients.indexOf(recipient)
  const messageId = fallbackMessageId(message.messageId, index)
  const requested = message.requestedReceipts?.filter((name) => smsNames.includes(name))
  try {
    state.ctx.send(
      'sms',
      {
        channel: 'sms',
        from: fallback.smsSenderId,
        to: [{ msisdn: [recipient.address], correlationId: recipient.correlationId }],
        content: { type: 'text', text: recipient.fallbackText ?? fallback.text },
        callbackData: message.callbackData,
        ...(message.notifyUrl !== undefined ? { notifyUrl: message.notifyUrl } : {}),
        ...(fallback.notifyUrlAuthId !== undefined ? { notifyUrlAuthId: fallback.notifyUrlAuthId } : {}),
        ...(requested !== undefined ? { requestedReceipts: requested } : {}),
      },
      { serviceId: message.serviceId, messageId },
    )
    recipient.fallbackMessageId = messageId
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error
    recipient.fallbackRefused = `${error.message}${error.detail ? ` (${error.detail})` : ''}`
  }
  state.ctx.changed('messages')
}

const rcsActions: PhoneActionTable = {
  channel: 'rcs',
  codes: rcsFailureCodes,
  aliases: rcsFailureAliases,
  receipts: rcsReceipts,
  clicks: false,
}

export const rcsChannel = {
  name: 'rcs' as const,
  label: 'RCS',
  consentChannel: 'text',
  configSchema: rcsConfigSchema,
  receipts: rcsReceipts,
  receiptNames: rcsReceiptNames,
  vocabulary: {
    statuses: rcsStatuses,
    destination: 'number',
    outcomes: rcsOutcomeNames,
    actionChoices: { fail: [...rcsFailureCodes.keys()] },
  },
  ruleKeys: ['address', 'number', 'prefix', 'glob', 'regex'],
  parseOutcome: parseRcsOutcome,

  createState: (ctx) => new RcsState(ctx),

  v2: {
    schema: rcsSendRequestSchema,
    destinations: (request: RcsSendRequest) => request.to.reduce((n, entry) => n + entry.msisdn.length, 0),
    plan: (request: RcsSendRequest, state, now) => planRcs(request, state, now),
  },

  recordSchema: rcsMessageSchema,
  snapshotSchema: rcsSnapshotSchema,

  buildReceipt(format: WebhookFormat, context: ReceiptContext) {
    const facts = rcsReceiptFacts(context, (context.state as RcsState).config)
    return format === 'webhook' ? buildRcsWebhookReceipt(facts) : buildRcsDataStreamReceipt(facts)
  },

  onStep(step: PlannedStep, message: BaseMessage, recipient: BaseRecipient, state: RcsState) {
    // Planned or by hand (a held number failed from the console), a failure sends the fallback.
    if ((message as RcsMessage).fallback && fallsBack(step, state.config.fallbackOn))
      sendFallback(message as RcsMessage, recipient as RcsRecipient, state)
  },

  actions: {
    schema: phoneActionSchema('7010'),
    plan: (action, history, facts, recipient) =>
      planPhoneAction(rcsActions, action, history, facts as ClickFacts, recipient),
  },

  inbound: rcsInbound(),

  statusView: (message) => {
    const { contentType, text } = message as RcsMessage
    return { toType: 'msisdn', content: { type: contentType, ...(text !== undefined ? { text } : {}) } }
  },
  routes: (state) => phoneRoutes('rcs', 'apps', 'RCS app ids', state.controls()),
  remoteSetup: (slice) => [{ method: 'PUT', path: '/rcs/settings', body: { apps: slice.apps } }],
  remoteSetupKeys: ['apps'],

  payloads: {
    rcsDeliveryReceipt: {
      summary: 'RCS delivery receipt, outbound-webhook format (to notifyUrl and "webhook" targets)',
      schema: rcsWebhookReceiptSchema,
    },
    rcsDataStreamReceipt: {
      summary: 'RCS delivery receipt, data-stream format ("datastream" targets)',
      schema: rcsDataStreamReceiptSchema,
    },
    inboundRcs: {
      summary:
        'RCS inbound event (MO, ATTACHMENT, Location, postback, SUBSCRIBE, UNSUBSCRIBE), outbound-webhook format',
      schema: rcsWebhookInboundSchema,
    },
    dataStreamInboundRcs: { summary: 'RCS inbound event, data-stream format', schema: rcsDataStreamInboundSchema },
  },
} satisfies ChannelDefinition<RcsState, typeof rcsConfigSchema, 'rcs'>
