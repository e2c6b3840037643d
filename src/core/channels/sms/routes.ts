/**
 * @module The SMS channel's own control routes: the tenant's "+E.164" switch and sender ids, and
 * the failure codes its grammar knows.
 */
import { answers, defineRoute } from '../../kernel/control-route.js'
import { type SmsControls, smsSettingsSchema } from './state.js'

const { badRequest, json } = answers

export function smsRoutes(sms: SmsControls) {
  return [
    defineRoute({
      method: 'get',
      path: '/sms/settings',
      tag: 'sms',
      summary: 'The tenant\'s "+E.164 format" switch and sender ids',
      responses: { 200: ['{ e164, senders }', json] },
      handle: () => ({ status: 200, body: sms.settings() }),
    }),
    defineRoute({
      method: 'put',
      path: '/sms/settings',
      tag: 'sms',
      summary: 'Change the "+E.164 format" switch or the sender ids (only the keys given)',
      body: smsSettingsSchema,
      responses: { 200: ['{ e164, senders }', json], 400: badRequest },
      handle: ({ body }) => ({ status: 200, body: sms.setSettings(body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/sms/codes',
      tag: 'sms',
      summary: 'The SMS failure codes: code, description, Failed or Un-Delivered',
      responses: { 200: ['{ codes: [...] }', json] },
      handle: () => ({ status: 200, body: { codes: sms.codes() } }),
    }),
  ]
}
