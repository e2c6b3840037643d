/**
 * @module webex-connect-emulator/msw — the emulator as MSW request handlers, on virtual time.
 */
export { createWebexConnectMock } from './create-webex-connect-mock.js'
export type { WebexConnectMock, WebexConnectMockOptions, WaitOptions, Duration } from './create-webex-connect-mock.js'
export type { ReceiptView, WebhookView } from './views.js'
export type { SinkWebhook, WebhookSink } from '../webhooks/sink-transport.js'
