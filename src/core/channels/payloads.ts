/**
 * @module webex-connect-emulator/payloads — zod schemas and types of every wire shape (the send
 * request and response, receipts and inbound events in both formats, the config), so apps can
 * type what they send and parse what their webhook handler receives. Depends only on zod; nothing
 * here runs the emulator. It lives beside the registry because, like it, it lists channels.
 * Reference: docs/api.md.
 *
 * @example
 * import { webhookReceiptSchema, type SendRequestInput } from 'webex-connect-emulator/payloads'
 *
 * const body: SendRequestInput = { channel: 'email', from: 'me@x.test', to: [{ email: ['ann@x.test'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } }
 * // in your webhook handler:
 * const receipt = webhookReceiptSchema.parse(await request.json())
 * if (receipt.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Bounce') markBounced(receipt.deliveryInfoNotification.deliveryInfo.destination)
 */

export type { GatewayError, SendResponse, VendorError } from '../apis/v2-schemas.js'
export {
  gatewayErrorSchema,
  maxCallbackDataLength,
  maxDestinations,
  sendResponseSchema,
  vendorErrorSchema,
} from '../apis/v2-schemas.js'
export type { EmulatorConfig, EmulatorConfigInput, WebhookFormat, WebhookTargetConfig } from '../schemas/config.js'
export { configSchema, webhookFormats, webhookTargetSchema } from '../schemas/config.js'
export type { DeliveryStatus, ReceiptKind, RequestedReceiptName } from './email/receipts.js'
export { deliveryStatuses, receiptKinds, requestedReceiptNames } from './email/receipts.js'
export type {
  DataIntegration,
  DataStreamReceipt,
  DeliveryInfo,
  WebhookReceipt,
} from './email/schemas/delivery-receipt.js'
export {
  dataIntegrationSchema,
  dataStreamReceiptSchema,
  deliveryInfoSchema,
  webhookReceiptSchema,
} from './email/schemas/delivery-receipt.js'
export type {
  DataStreamInboundEmail,
  DataStreamSubscriptionEvent,
  WebhookInboundEmail,
  WebhookSubscriptionEvent,
} from './email/schemas/inbound-event.js'
export {
  dataStreamInboundEmailSchema,
  dataStreamSubscriptionEventSchema,
  inboundAttachmentSchema,
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
} from './email/schemas/inbound-event.js'
export type { SendRequest, SendRequestInput } from './email/schemas/send-request.js'
export { sendRequestSchema } from './email/schemas/send-request.js'
export type {
  SmsDataStreamInbound,
  SmsDataStreamReceipt,
  SmsStatusCallback,
  SmsWebhookInbound,
  SmsWebhookReceipt,
} from './sms/schemas/payloads.js'
export {
  smsDataStreamInboundSchema,
  smsDataStreamReceiptSchema,
  smsStatusCallbackSchema,
  smsWebhookInboundSchema,
  smsWebhookReceiptSchema,
} from './sms/schemas/payloads.js'
export type { SmsSendRequest } from './sms/schemas/send-request.js'
export { smsSendRequestSchema } from './sms/schemas/send-request.js'
