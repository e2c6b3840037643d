/**
 * @module The WhatsApp channel, on the Messaging API v1 (`deliverychannel: "whatsapp"`): session
 * and template messages from a configured asset, the 24-hour customer-service window on the
 * emulator clock, receipts Submitted → Delivered → Read or Failed with the WhatsApp extras, and
 * what users push (MO, postbacks, list and button answers, marketing preferences).
 * docs/v1-messaging.md; docs/decisions/012-messaging-api-v1.md.
 */
import { sandboxV1Refusal } from '../../apis/sandbox-v1-refusal.js'
import type { WebhookFormat } from '../../kernel/formats.js'
import type { ChannelDefinition, ReceiptContext } from '../channel.js'
import { v1FromSandbox, type WaSandboxRequest, waSandboxCallback, waSandboxSchema } from './api-sandbox.js'
import { planWhatsappV1, refuseWaV1, type WaMessagingV1Request, waMessagingV1Schema } from './api-v1.js'
import { waFailureCodes } from './codes.js'
import { whatsappConfigSchema } from './config.js'
import { waInbound } from './inbound.js'
import { planWaAction, waActionSchema } from './manual-actions.js'
import { parseWaOutcome, waOutcomeNames } from './outcome.js'
import { buildWaDataStreamReceipt, buildWaWebhookReceipt } from './payloads.js'
import { waReceiptNames, waReceipts, waStatuses } from './receipts.js'
import { waMessageSchema } from './record.js'
import { waRoutes } from './routes.js'
import { waInboundPayloadSchema, waReceiptSchema } from './schemas.js'
import { WhatsappState, waSnapshotSchema } from './state.js'

export const whatsappChannel = {
  name: 'whatsapp' as const,
  label: 'WhatsApp',
  consentChannel: 'whatsapp',
  configSchema: whatsappConfigSchema,
  receipts: waReceipts,
  receiptNames: waReceiptNames,
  vocabulary: {
    statuses: waStatuses,
    destination: 'waid',
    outcomes: waOutcomeNames,
    actionChoices: { fail: [...waFailureCodes.keys()] },
  },
  ruleKeys: ['address', 'number', 'prefix', 'glob', 'regex'],
  parseOutcome: parseWaOutcome,

  createState: (ctx) => new WhatsappState(ctx),

  apis: {
    'messaging-v1': {
      schema: waMessagingV1Schema,
      deliveryChannels: ['whatsapp'],
      destinations: (request: WaMessagingV1Request) =>
        request.destination.reduce((n, d) => n + Math.max(d.waid?.length ?? 0, d.bsuid?.length ?? 0), 0),
      plan: (request: WaMessagingV1Request, state, now) => planWhatsappV1(request, state, now),
      refuse: refuseWaV1,
    },
    /** The sandbox `POST /v1/whatsapp/messages` Cisco's SDKs call. */
    'whatsapp-v1': {
      schema: waSandboxSchema,
      destinations: () => 1,
      plan: (request: WaSandboxRequest, state, now, context) => {
        state.idempotency.check(context.idempotencyKey, now, state.config.idempotencyWindow)
        return planWhatsappV1(v1FromSandbox(request), state, now, 'whatsapp-v1')
      },
      refuse: sandboxV1Refusal,
      accepted: (message, state, context, now) =>
        state.idempotency.remember(context.idempotencyKey, message.messageId, now),
    },
  },

  recordSchema: waMessageSchema,
  snapshotSchema: waSnapshotSchema,

  buildReceipt(format: WebhookFormat, context: ReceiptContext) {
    const { config } = context.state as WhatsappState
    return format === 'webhook' ? buildWaWebhookReceipt(context, config) : buildWaDataStreamReceipt(context, config)
  },

  notifyUrlReceipt(context: ReceiptContext) {
    return (context.message as { api?: string }).api === 'whatsapp-v1' ? waSandboxCallback(context) : undefined
  },

  actions: {
    schema: waActionSchema,
    plan: (action, history, _facts, recipient) => planWaAction(action, history, recipient),
  },

  inbound: waInbound(),
  routes: (state) => waRoutes(state),

  payloads: {
    whatsappDeliveryReceipt: {
      summary: 'WhatsApp delivery receipt (Submitted, Delivered, Read, Failed)',
      schema: waReceiptSchema,
    },
    whatsappInbound: {
      summary: 'What WhatsApp users push: MO, postback, list, reply, user_preference',
      schema: waInboundPayloadSchema,
    },
  },
} satisfies ChannelDefinition<WhatsappState, typeof whatsappConfigSchema, 'whatsapp'>
