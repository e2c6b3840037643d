/**
 * @module Builds what the platform pushes to apps besides receipts, in both formats: an incoming
 * email (MO) and Unsubscribe / Subscribe events (seeds 000 and 001). In the data-stream format
 * `attachments` and `to` are JSON-encoded strings, as the vendor sends them.
 */
import type { Tenant } from '../../channel.js'
import type {
  DataStreamInboundEmail,
  DataStreamSubscriptionEvent,
  WebhookInboundEmail,
  WebhookSubscriptionEvent,
} from '../schemas/inbound-event.js'

interface InboundAttachment {
  name: string
  contentType: string
  /** Base64 content, for the outbound-webhook format. */
  content: string
  /** Where the data-stream format says the file is. */
  url: string
}

export interface InboundEmailFacts {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  replyTo: string
  attachments: InboundAttachment[]
  tid: string
  messageId: string
  ts: string
  tenant: Tenant
}

export interface SubscriptionFacts {
  event: 'Unsubscribe' | 'Subscribe'
  /** The customer who (un)subscribed. */
  from: string
  /** The sender address they (un)subscribed from. */
  senderId: string
  correlationId: string
  tid: string
  ts: string
  tenant: Tenant
}

const emptyContext = { serviceId: '', serviceName: '', flowId: '', flowName: '', messagingAPI: 'false' }

export function buildWebhookInboundEmail(f: InboundEmailFacts): WebhookInboundEmail {
  return {
    to: f.to,
    ts: f.ts,
    textMessage: f.text,
    subject: f.subject,
    event: 'MO',
    // Seed 000 shows the sender in brackets: "[sender@domain.tld]".
    from: `[${f.from}]`,
    attachments: f.attachments.map((a) => ({
      content: a.content,
      name: a.name,
      contentType: a.contentType,
      contentTransferEncoding: 'base64',
    })),
    tid: f.tid,
    messageId: f.messageId,
    returnPath: f.replyTo,
    htmlMessage: f.html,
    channel: 'email',
  }
}

export function buildDataStreamInboundEmail(f: InboundEmailFacts): DataStreamInboundEmail {
  return {
    textMessage: f.text,
    attachments: JSON.stringify(f.attachments.map((a) => ({ name: a.name, contentType: a.contentType, url: a.url }))),
    subject: f.subject,
    transid: f.tid,
    channel: 'Email',
    htmlMessage: f.html,
    dataIntegration: [
      {
        prebuiltId: 51052,
        outBoundEventNotificationEnabled: 1,
        drEventNotificationEnabled: 1,
        context: emptyContext,
        userAuditNotificationEnabled: 0,
        assetLevel: 1,
        isInboundEventNotificationEnabled: 1,
        dataIntegrationid: 50528,
      },
    ],
    appContext: {},
    event_identifier: 'MO',
    userId: '',
    tid: f.tid,
    clientUUID: f.tenant.clientUUID,
    'x-wx-gtrid': '',
    channel_identifier: 'EMAIL',
    appId: f.tenant.appId,
    tenantId: f.tenant.tenantId,
    from: f.from,
    to: JSON.stringify(f.to.map((address) => `"${address}" <${address}>`)),
    event: 'Inbound Message',
    ts: f.ts,
  }
}

export function buildWebhookSubscriptionEvent(f: SubscriptionFacts): WebhookSubscriptionEvent {
  return {
    channel: 'Email',
    from: f.from,
    appId: f.tenant.appId,
    event: f.event,
    senderId: f.senderId,
    correlationId: f.correlationId,
    ts: f.ts,
    tid: f.tid,
  }
}

export function buildDataStreamSubscriptionEvent(f: SubscriptionFacts): DataStreamSubscriptionEvent {
  return {
    transid: f.tid,
    channel: 'Email',
    dataIntegration: { context: emptyContext, appContext: {} },
    tid: f.tid,
    clientUUID: f.tenant.clientUUID,
    'x-wx-gtrid': '',
    senderId: f.senderId,
    appId: f.tenant.appId,
    from: f.from,
    correlationId: f.correlationId,
    event: f.event,
    ts: f.ts,
  }
}
