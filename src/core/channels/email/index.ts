/**
 * @module The email channel: the Send Message API v2 with `channel: "email"`, played out as Amazon
 * SES (the engine behind Webex Connect email) would — submitted, delivered, read, clicked, bounce,
 * complaint, sandbox not-verified, invalid address, bounce list, unsubscribes — with the vendor's
 * receipts in both formats (seeds 000 "webhook", 001 "datastream").
 */
import type { WebhookFormat } from '../../kernel/formats.js'
import type { ChannelDefinition, ReceiptContext } from '../channel.js'
import { emailConfigSchema, legacyEmailKeys } from './config.js'
import { emailInbound } from './inbound.js'
import { manualActionSchema, planManualAction } from './manual-actions.js'
import { bounceSubtypes, complaintTypes, parseOutcome } from './outcomes/outcome.js'
import { buildDataStreamReceipt } from './payloads/build-datastream-receipt.js'
import { buildWebhookReceipt } from './payloads/build-webhook-receipt.js'
import type { ReceiptFacts } from './payloads/receipt-facts.js'
import { countRecipients, type EmailFacts, planEmail } from './plan.js'
import { deliveryStatuses, type ReceiptKind, receiptKinds, requestedReceiptNames } from './receipts.js'
import { type EmailMessage, emailMessageSchema } from './record.js'
import { emailRoutes } from './routes.js'
import { dataStreamReceiptSchema, webhookReceiptSchema } from './schemas/delivery-receipt.js'
import {
  dataStreamInboundEmailSchema,
  dataStreamSubscriptionEventSchema,
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
} from './schemas/inbound-event.js'
import { sendRequestSchema } from './schemas/send-request.js'
import { type EmailSnapshot, EmailState, emailSnapshotSchema } from './state.js'

/** Outcome names of the email grammar (plus-labels, rules, defaultOutcome), for docs and the console. */
const outcomeNames = [
  'delivered',
  'read',
  'read-N',
  'click',
  'slow',
  'ooto',
  'bounce',
  ...bounceSubtypes.map((s) => `bounce-${s}`),
  'complaint',
  ...complaintTypes.map((t) => `complaint-${t}`),
  'suppressed',
  'hold',
]

function receiptFacts({ message, recipient, receipt, serviceName }: ReceiptContext): ReceiptFacts {
  return {
    kind: receipt.kind as ReceiptKind,
    description: receipt.description,
    additionalInfo: receipt.additionalInfo,
    timeStamp: receipt.timeStamp,
    destination: recipient.address,
    transid: message.messageId,
    correlationid: recipient.correlationId,
    callbackData: message.callbackData,
    subtid: '',
    gtrid: message.gtrid,
    serviceId: message.serviceId,
    serviceName,
  }
}

export const emailChannel = {
  name: 'email' as const,
  label: 'Email',
  consentChannel: 'email',
  configSchema: emailConfigSchema,
  legacyConfigKeys: legacyEmailKeys,
  version1StateKeys: ['suppression', 'unsubscribes', 'sandbox'] satisfies (keyof EmailSnapshot)[],
  receipts: receiptKinds,
  receiptNames: requestedReceiptNames,
  vocabulary: {
    statuses: deliveryStatuses,
    destination: 'address',
    outcomes: outcomeNames,
    actionChoices: { bounce: bounceSubtypes, complain: complaintTypes },
    notAfterDelivery: ['deliver', 'bounce'],
  },
  ruleKeys: ['address', 'domain', 'glob', 'regex'],
  parseOutcome,

  createState: (ctx) => new EmailState(ctx),

  v2: {
    schema: sendRequestSchema,
    destinations: countRecipients,
    plan: (request, state, now) =>
      planEmail(request, now, state.config, (r) => state.fateContext(r.contactPolicy, now), state.contentBudget),
  },

  recordSchema: emailMessageSchema,
  snapshotSchema: emailSnapshotSchema,

  buildReceipt(format: WebhookFormat, context: ReceiptContext) {
    const facts = receiptFacts(context)
    return format === 'webhook'
      ? buildWebhookReceipt(facts, context.style)
      : buildDataStreamReceipt(facts, context.style)
  },

  onStep: (step, message, recipient, state) => state.applyEffects(step, message as EmailMessage, recipient),

  actions: {
    schema: manualActionSchema,
    plan: (action, history, facts, recipient) =>
      planManualAction(action, history as ReceiptKind[], { ...(facts as EmailFacts), destination: recipient.address }),
  },

  inbound: emailInbound(),

  routes: (state) => emailRoutes(state.controls()),
  face(state, inject) {
    const controls = state.controls()
    const { suppress, unsuppress, suppressed, isSuppressed, unsubscribe, resubscribe, unsubscribed } = controls
    const { setSandbox, sandbox, unverify } = controls
    return {
      controls,
      /** The same as `emulator.email.*` and `inject('email', …)`, from before channels had their own. */
      shortcuts: {
        suppress,
        unsuppress,
        suppressed,
        isSuppressed,
        unsubscribe,
        resubscribe,
        unsubscribed,
        setSandbox,
        sandbox,
        unverify,
        /** An incoming email (MO), the same as `inject('email', 'email', input)`. */
        injectInboundEmail: (input: unknown) => inject('email', input),
        /** An Unsubscribe or Subscribe event, the same as `inject('email', 'unsubscribe' | 'subscribe', input)`. */
        injectSubscription: (event: 'Unsubscribe' | 'Subscribe', input: unknown) =>
          inject(event === 'Unsubscribe' ? 'unsubscribe' : 'subscribe', input),
      },
    }
  },
  statusView: (message) => ({ toType: 'email', content: { subject: (message as EmailMessage).subject } }),
  remoteSetup: (slice) => [
    { method: 'PUT', path: '/sandbox', body: { enabled: slice.sandbox.enabled, verified: slice.sandbox.verified } },
    ...slice.suppressed.map((address) => ({ method: 'POST', path: '/suppression', body: { address, for: 'never' } })),
    ...slice.unsubscribed.map((entry) => ({ method: 'POST', path: '/unsubscribes', body: entry })),
  ],
  remoteSetupKeys: ['sandbox', 'suppressed', 'unsubscribed'],
  lists: { Suppressed: { path: '/suppression', key: 'address', label: 'the bounce list' } },

  payloads: {
    deliveryReceipt: {
      summary: 'Email delivery receipt, outbound-webhook format (to notifyUrl and "webhook" targets)',
      schema: webhookReceiptSchema,
    },
    dataStreamReceipt: {
      summary: 'Email delivery receipt, data-stream format ("datastream" targets)',
      schema: dataStreamReceiptSchema,
    },
    inboundEmail: { summary: 'Incoming email (MO), outbound-webhook format', schema: webhookInboundEmailSchema },
    dataStreamInboundEmail: { summary: 'Incoming email, data-stream format', schema: dataStreamInboundEmailSchema },
    subscriptionEvent: {
      summary: 'Unsubscribe / Subscribe, outbound-webhook format',
      schema: webhookSubscriptionEventSchema,
    },
    dataStreamSubscriptionEvent: {
      summary: 'Unsubscribe / Subscribe, data-stream format',
      schema: dataStreamSubscriptionEventSchema,
    },
  },
} satisfies ChannelDefinition<EmailState, typeof emailConfigSchema, 'email'>
