/**
 * @module The WhatsApp channel's own control routes: the customer-service windows (open or not, on
 * the emulator clock), the users who stopped marketing messages, and the failure codes.
 */
import { answers, defineRoute } from '../../kernel/control-route.js'
import { waFailureCodes } from './codes.js'
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
      path: '/whatsapp/codes',
      tag: 'whatsapp',
      summary: 'The WhatsApp failure codes: code, description, additionalInfo',
      responses: { 200: ['{ codes: [...] }', json] },
      handle: () => ({ status: 200, body: { codes: [...waFailureCodes].map(([code, c]) => ({ code, ...c })) } }),
    }),
  ]
}
