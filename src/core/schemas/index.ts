/**
 * @module webex-connect-emulator/payloads — zod schemas and types of every wire shape, so apps can
 * parse what their webhook handler receives.
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
