/**
 * @module webex-connect-emulator/msw — the emulator as MSW request handlers, for unit tests that
 * start no server: the same app and engine as the server, on virtual time, with helpers to move
 * time and wait for receipts. Needs `msw` (a peer dependency). Reference: docs/api.md.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createWebexConnectMock } from 'webex-connect-emulator/msw'
 *
 * const webexConnect = createWebexConnectMock()
 * const server = setupServer(...webexConnect.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 *
 * await fetch('https://api.us.webexconnect.io/v2/messages', {
 *   method: 'POST',
 *   headers: { key: 'my-service-key', 'content-type': 'application/json' },
 *   body: JSON.stringify({ channel: 'email', from: 'me@shop.example', to: [{ email: ['ann+bounce@example.com'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } }),
 * })
 * const bounce = await webexConnect.waitForStatus('ann+bounce@example.com', 'Bounce')
 * bounce.description // 'Permanent_General'
 * server.close()
 */

export type { SinkWebhook, WebhookSink } from '../webhooks/sink-transport.js'
export type {
  Duration,
  ReceiptFilter,
  WaitOptions,
  WebexConnectMock,
  WebexConnectMockOptions,
} from './create-webex-connect-mock.js'
export { createWebexConnectMock } from './create-webex-connect-mock.js'
export type { WebhookView } from './create-webex-connect-mock.js'
export type { ReceiptView } from '../views/receipt-view.js'
