/**
 * @module The MMS channel: the Send Message API v2 with `channel: "mms"` (D-MMS) — a subject and
 * up to 9 slides from one of the tenant's MMS-enabled numbers — played as an MMSC would: Submitted,
 * Delivered, then Read (7524) and Clicked (7525) where the number's outcome says so, or Failed with
 * an MMS code, Un-Delivered 7208 when it expires; D-MMS's receipts in both formats. Its refusals
 * use the MMS page's own texts ("Mandatory parameter missing: content.subject"). Numbers choose
 * their fate in the phone grammar (../numbers.ts) with MMS's codes.
 */
import type { z } from 'zod'
import type { WebhookFormat } from '../../../kernel/formats.js'
import { vendorIssue } from '../../../kernel/zod-issues.js'
import type { ChannelDefinition, ReceiptContext } from '../../channel.js'
import type { ClickFacts } from '../lifecycle.js'
import { type PhoneActionTable, phoneActionSchema, planPhoneAction } from '../manual-actions.js'
import { phoneRoutes } from '../phone-routes.js'
import { mmsFailureAliases, mmsFailureCodes, mmsOutcomeNames, parseMmsOutcome } from './codes.js'
import { mmsConfigSchema } from './config.js'
import { buildMmsDataStreamReceipt, buildMmsWebhookReceipt } from './payloads.js'
import { planMms } from './plan.js'
import { mmsReceiptNames, mmsReceipts, mmsStatuses } from './receipts.js'
import { type MmsMessage, type MmsRecipient, mmsMessageSchema } from './record.js'
import { mmsDataStreamReceiptSchema, mmsWebhookReceiptSchema } from './schemas/payloads.js'
import { type MmsSendRequest, mmsSendRequestSchema } from './schemas/send-request.js'
import { MmsState, mmsSnapshotSchema } from './state.js'

/**
 * The MMS page's 400 texts: "Mandatory parameter missing: {{parameter}}" and "Invalid parameter:
 * {{parameter}}" — a colon where the SMS pages write " - " (D-MMS "API Error Codes").
 */
function mmsIssue(body: unknown, issues: readonly z.core.$ZodIssue[]): Error {
  const error = vendorIssue(body, issues)
  return Object.assign(error, {
    message: error.message.replace(/^(Mandatory parameter missing|Invalid parameter) - /, '$1: '),
  })
}

const mmsActions: PhoneActionTable = {
  channel: 'mms',
  codes: mmsFailureCodes,
  aliases: mmsFailureAliases,
  receipts: mmsReceipts,
  clicks: true,
}

export const mmsChannel = {
  name: 'mms' as const,
  label: 'MMS',
  consentChannel: 'text',
  configSchema: mmsConfigSchema,
  receipts: mmsReceipts,
  receiptNames: mmsReceiptNames,
  vocabulary: {
    statuses: mmsStatuses,
    destination: 'number',
    outcomes: mmsOutcomeNames,
    actionChoices: { fail: [...mmsFailureCodes.keys()] },
  },
  ruleKeys: ['address', 'number', 'prefix', 'glob', 'regex'],
  parseOutcome: parseMmsOutcome,

  createState: (ctx) => new MmsState(ctx),

  v2: {
    schema: mmsSendRequestSchema,
    destinations: (request: MmsSendRequest) => request.to.reduce((n, entry) => n + entry.msisdn.length, 0),
    plan: (request: MmsSendRequest, state, now) => planMms(request, state, now),
    refuse: mmsIssue,
  },

  recordSchema: mmsMessageSchema,
  snapshotSchema: mmsSnapshotSchema,

  buildReceipt: (format: WebhookFormat, context: ReceiptContext) =>
    format === 'webhook' ? buildMmsWebhookReceipt(context) : buildMmsDataStreamReceipt(context),

  actions: {
    schema: phoneActionSchema('7556'),
    plan: (action, history, facts, recipient) => {
      // A number whose own substitutions changed its slides' link clicks its own ("" for none).
      const own = (recipient as MmsRecipient).clickLink
      const click = facts as ClickFacts
      return planPhoneAction(
        mmsActions,
        action,
        history,
        own === undefined ? click : { ...click, link: own || undefined },
        recipient,
      )
    },
  },

  statusView: (message) => ({ toType: 'msisdn', content: { subject: (message as MmsMessage).subject } }),
  routes: (state) => phoneRoutes('mms', 'senders', 'MMS-enabled numbers', state.controls()),
  remoteSetup: (slice) => [{ method: 'PUT', path: '/mms/settings', body: { senders: slice.senders } }],
  remoteSetupKeys: ['senders'],

  payloads: {
    mmsDeliveryReceipt: {
      summary: 'MMS delivery receipt, outbound-webhook format (to notifyUrl and "webhook" targets)',
      schema: mmsWebhookReceiptSchema,
    },
    mmsDataStreamReceipt: {
      summary: 'MMS delivery receipt, data-stream format ("datastream" targets)',
      schema: mmsDataStreamReceiptSchema,
    },
  },
} satisfies ChannelDefinition<MmsState, typeof mmsConfigSchema, 'mms'>
