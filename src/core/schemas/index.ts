/**
 * @module webex-connect-emulator/payloads — zod schemas and types of every wire shape (the send
 * request and response, receipts and inbound events in both formats, the config), so apps can
 * type what they send and parse what their webhook handler receives. Depends only on zod; nothing
 * here runs the emulator. Reference: docs/api.md.
 *
 * @example
 * import { webhookReceiptSchema, type SendRequestInput } from 'webex-connect-emulator/payloads'
 *
 * const body: SendRequestInput = { channel: 'email', from: 'me@x.test', to: [{ email: ['ann@x.test'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } }
 * // in your webhook handler:
 * const receipt = webhookReceiptSchema.parse(await request.json())
 * if (receipt.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Bounce') markBounced(receipt.deliveryInfoNotification.deliveryInfo.destination)
 */
export { sendRequestSchema, sendResponseSchema, vendorErrorSchema, maxCallbackDataLength, maxDestinations } from './send-request.js'
export type { SendRequest, SendRequestInput, SendResponse, VendorError } from './send-request.js'
export { deliveryInfoSchema, webhookReceiptSchema, dataStreamReceiptSchema, dataIntegrationSchema } from './delivery-receipt.js'
export type { DeliveryInfo, WebhookReceipt, DataStreamReceipt, DataIntegration } from './delivery-receipt.js'
export { configSchema, webhookTargetSchema, webhookFormats } from './config.js'
export type { EmulatorConfig, EmulatorConfigInput, WebhookFormat, WebhookTargetConfig } from './config.js'
export { receiptKinds, deliveryStatuses, requestedReceiptNames } from '../receipt-kinds.js'
export type { ReceiptKind, DeliveryStatus, RequestedReceiptName } from '../receipt-kinds.js'
export {
  inboundAttachmentSchema,
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
  dataStreamInboundEmailSchema,
  dataStreamSubscriptionEventSchema,
} from './inbound-event.js'
export type { WebhookInboundEmail, WebhookSubscriptionEvent, DataStreamInboundEmail, DataStreamSubscriptionEvent } from './inbound-event.js'
