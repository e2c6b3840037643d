/**
 * @module The control routes MMS and RCS share: the tenant's senders (MMS-enabled numbers, RCS app
 * ids) and the failure codes the channel's grammar knows.
 */
import { answers, defineRoute } from '../../kernel/control-route.js'
import { type PhoneControls, senderSettingsSchema } from './phone-state.js'

const { badRequest, json } = answers

export function phoneRoutes<Key extends string>(channel: string, key: Key, what: string, controls: PhoneControls<Key>) {
  return [
    defineRoute({
      method: 'get',
      path: `/${channel}/settings`,
      tag: channel,
      summary: `The tenant's ${what}`,
      responses: { 200: [`{ ${key} }`, json] },
      handle: () => ({ status: 200, body: controls.settings() }),
    }),
    defineRoute({
      method: 'put',
      path: `/${channel}/settings`,
      tag: channel,
      summary: `Replace the tenant's ${what} (empty: any is accepted)`,
      body: senderSettingsSchema(key),
      responses: { 200: [`{ ${key} }`, json], 400: badRequest },
      handle: ({ body }) => ({ status: 200, body: controls.setSettings(body as Partial<Record<Key, string[]>>) }),
    }),
    defineRoute({
      method: 'get',
      path: `/${channel}/codes`,
      tag: channel,
      summary: `The ${channel.toUpperCase()} failure codes: code, description, Failed or Un-Delivered`,
      responses: { 200: ['{ codes: [...] }', json] },
      handle: () => ({ status: 200, body: { codes: controls.codes() } }),
    }),
  ]
}
