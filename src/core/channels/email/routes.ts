/**
 * @module The email channel's own control routes: the bounce list, unsubscribes and the sandbox.
 * Defined once; the HTTP layer serves them and the OpenAPI document lists them.
 */
import { answers, defineRoute } from '../../kernel/control-route.js'
import { EmulatorError } from '../../kernel/errors.js'
import { sandboxInputSchema, suppressInputSchema, unsubscribeInputSchema } from './control-inputs.js'
import type { EmailControls } from './state.js'
import type { SuppressionEntry } from './suppression-list.js'

const { badRequest, notFound, conflict, json } = answers

/** `expiresAt: null` (listed until removed) rather than a missing key. */
const entryJson = (entry: SuppressionEntry) => ({ ...entry, expiresAt: entry.expiresAt ?? null })

export function emailRoutes(email: EmailControls) {
  return [
    defineRoute({
      method: 'get',
      path: '/suppression',
      tag: 'email',
      summary: 'The bounce list, with expiry times',
      responses: { 200: ['Entries', json] },
      handle: () => ({ status: 200, body: { entries: email.suppressed().map(entryJson) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/suppression',
      tag: 'email',
      summary: 'Put an address on the bounce list',
      body: suppressInputSchema,
      responses: { 201: ['The entry', json], 400: badRequest, 409: conflict },
      handle: ({ body }) => ({
        status: 201,
        body: entryJson(email.suppress(body.address, { retentionMs: body.for, reason: body.reason })),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/suppression/:address',
      tag: 'email',
      summary: 'Take an address off the bounce list',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!email.unsuppress(params.address!))
          throw new EmulatorError(
            'not_found',
            `${params.address} is not on the bounce list; GET /_emulator/suppression lists it`,
          )
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/unsubscribes',
      tag: 'email',
      summary: 'Sender/address unsubscribe pairs',
      responses: { 200: ['Entries', json] },
      handle: () => ({ status: 200, body: { entries: email.unsubscribed() } }),
    }),
    defineRoute({
      method: 'post',
      path: '/unsubscribes',
      tag: 'email',
      summary: 'Unsubscribe an address from a sender',
      body: unsubscribeInputSchema,
      responses: { 201: ['The entry', json], 400: badRequest, 409: conflict },
      handle: ({ body }) => ({ status: 201, body: email.unsubscribe(body.sender, body.address) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/unsubscribes/:sender/:address',
      tag: 'email',
      summary: 'Re-subscribe',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!email.resubscribe(params.sender!, params.address!)) {
          throw new EmulatorError(
            'not_found',
            `${params.address} is not unsubscribed from ${params.sender}; GET /_emulator/unsubscribes lists the pairs`,
          )
        }
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sandbox',
      tag: 'email',
      summary: 'Sandbox mode and verified addresses',
      responses: { 200: ['Sandbox', json] },
      handle: () => ({ status: 200, body: email.sandbox() }),
    }),
    defineRoute({
      method: 'put',
      path: '/sandbox',
      tag: 'email',
      summary: 'Turn sandbox mode on or off; verify addresses or domains',
      body: sandboxInputSchema,
      responses: { 200: ['Sandbox', json], 400: badRequest, 409: conflict },
      handle: ({ body }) => {
        email.setSandbox(body)
        return { status: 200, body: email.sandbox() }
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/sandbox/verified/:address',
      tag: 'email',
      summary: 'Un-verify an address or domain',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!email.unverify(params.address!))
          throw new EmulatorError(
            'not_found',
            `${params.address} is not verified; GET /_emulator/sandbox lists what is`,
          )
        return { status: 204 }
      },
    }),
  ]
}
