/**
 * @module The WhatsApp channel's own control routes: the customer-service windows (open or not, on
 * the emulator clock), one app's conversation with a user, the users who stopped marketing
 * messages, and the failure codes.
 */
import { answers, defineRoute } from '../../kernel/control-route.js'
import { waFailureCodes } from './codes.js'
import { conversationOf } from './conversation.js'
import type { WhatsappState } from './state.js'

const { json } = answers

export function waRoutes(state: WhatsappState) {
  const controls = state.controls()
  return [
    defineRoute({
      method: 'get',
      path: '/whatsapp/windows',
      tag: 'whatsapp',
      summary: 'The 24-hour customer-service windows: app, user, last inbound, when it closes, open now',
      responses: { 200: ['{ windows: [...], optedOut: [...] }', json] },
      handle: () => ({ status: 200, body: { windows: controls.windows(), optedOut: controls.optedOut() } }),
    }),
    defineRoute({
      method: 'get',
      path: '/whatsapp/conversations/:appId/:waid',
      tag: 'whatsapp',
      summary:
        "One app's conversation with a user, oldest first: what it sent (`direction` out, with each message's status and failure code) and what the user wrote in (`direction` in), and the 24-hour window: open until `closesAt`, or closed",
      responses: {
        200: [
          '{ appId, waid, now, window: { open, lastInboundAt, closesAt, closesIn, enforced }, entries: [...] }',
          json,
        ],
      },
      handle: ({ params }) => ({
        status: 200,
        body: conversationOf(state, state.ctx.messages(), params.appId!, params.waid!),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/whatsapp/codes',
      tag: 'whatsapp',
      summary: 'The WhatsApp failure codes: code, description, additionalInfo',
      responses: { 200: ['{ codes: [...] }', json] },
      handle: () => ({ status: 200, body: { codes: [...waFailureCodes].map(([code, c]) => ({ code, ...c })) } }),
    }),
  ]
}
