/**
 * @module The control API's shared routes — every channel's messages, deliveries, targets, rules,
 * clock, limits, chaos and inbound events — each defined once: the HTTP layer serves this table
 * and the OpenAPI document is built from it. Channels add their own routes (the email bounce
 * list, …) through their definitions.
 */
import { z } from 'zod'
import type { EmulatorCore, EngineHost } from '../../core/emulator.js'
import { consentChannels, consentGroupSchema, consentMemberSchema } from '../../core/kernel/contact-policy.js'
import { answers, type ControlRoute, defineRoute } from '../../core/kernel/control-route.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import type { Delivery } from '../../core/kernel/outbox.js'
import { chaosSchema, faultsSchema, rateLimitSchema } from '../../core/schemas/config.js'
import {
  advanceInputSchema,
  clockModeInputSchema,
  deliveryQuerySchema,
  inboundQuerySchema,
  messageQuerySchema,
  resetInputSchema,
  ruleInputSchema,
  targetInputSchema,
  targetPatchSchema,
} from '../../core/schemas/control.js'

const { badRequest, notFound, conflict, json } = answers

const noTarget = (id: string) =>
  new EmulatorError('not_found', `No webhook target "${id}"; GET /_emulator/webhooks/targets lists them`)
const noDelivery = (id: string) =>
  new EmulatorError('not_found', `No webhook delivery "${id}"; GET /_emulator/webhooks lists them`)
const noMessage = (id: string) =>
  new EmulatorError(
    'not_found',
    `No message with id "${id}" (it may never have existed, or been evicted past limits.maxMessages)`,
  )

/** A manual action: the channel's own schema checks it once the message's channel is known. */
const actionBody = z.looseObject({ action: z.string() })

export function sharedControlRoutes(emulator: EmulatorCore, host: EngineHost): ControlRoute[] {
  const inboundRoutes = host.channels.flatMap(({ definition }) =>
    Object.entries(definition.inbound ?? {}).map(([kind, spec]) =>
      defineRoute({
        method: 'post',
        path: spec.path ?? `/inbound/${definition.name}/${kind}`,
        tag: definition.name,
        summary: spec.summary,
        body: spec.schema,
        // 409: a list the event fills (unsubscribes, opt-outs, consent) is full.
        responses: { 201: ['The event, with how many deliveries it made', json], 400: badRequest, 409: conflict },
        handle: ({ body }) => ({ status: 201, body: emulator.inject(definition.name, kind, body) }),
      }),
    ),
  )
  const actionSchemas = host.channels.flatMap(({ definition }) =>
    definition.actions ? [definition.actions.schema] : [],
  )

  return [
    defineRoute({
      method: 'get',
      path: '/stats',
      tag: 'control',
      summary: 'Counts of messages, deliveries, evictions, timers and refused requests',
      responses: { 200: ['Counts', json] },
      handle: () => ({ status: 200, body: emulator.stats() }),
    }),
    defineRoute({
      method: 'get',
      path: '/messages',
      tag: 'control',
      summary: 'Messages, newest first, filtered and paginated',
      query: messageQuerySchema,
      responses: { 200: ['A page of messages', json], 400: badRequest },
      handle: ({ query }) => ({ status: 200, body: emulator.findMessages(query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/messages/:messageId',
      tag: 'control',
      summary: 'One message with its recipients, receipts and webhook deliveries',
      responses: { 200: ['The message', json], 404: notFound },
      handle: ({ params }) => {
        const message = emulator.message(params.messageId!)
        if (!message) throw noMessage(params.messageId!)
        const deliveries = emulator.deliveries().filter((d) => d.transid === message.messageId)
        return { status: 200, body: { ...message, deliveries } }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/messages/:messageId/recipients/:address/actions',
      tag: 'control',
      summary: 'Drive a held recipient (outcome "hold") by hand now, in its channel\'s terms',
      body: actionBody,
      docBody: actionSchemas.length === 1 ? actionSchemas[0] : z.union(actionSchemas as [z.ZodType, z.ZodType]),
      responses: { 200: ['The recipient after the action', json], 400: badRequest, 404: notFound, 409: conflict },
      handle: ({ params, body }) => ({
        status: 200,
        body: { recipient: emulator.act(params.messageId!, params.address!, body) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks',
      tag: 'control',
      summary: 'Webhook deliveries with every attempt',
      query: deliveryQuerySchema,
      responses: { 200: ['Deliveries', json], 400: badRequest },
      handle: ({ query }) => {
        return {
          status: 200,
          body: {
            deliveries: emulator
              .deliveries()
              .filter(
                (d) =>
                  (!query.state || d.state === query.state) &&
                  (!query.messageId || d.transid === query.messageId) &&
                  (!query.channel || d.channel === query.channel),
              ),
          },
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/replay',
      tag: 'control',
      summary: 'Send every failed delivery again',
      responses: { 200: ['How many', json] },
      handle: () => ({ status: 200, body: { replayed: emulator.replayFailed() } }),
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/targets',
      tag: 'control',
      summary: 'Service-level webhook targets',
      responses: { 200: ['Targets', json] },
      handle: () => ({ status: 200, body: { targets: emulator.targets() } }),
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/targets',
      tag: 'control',
      summary: 'Add a target',
      body: targetInputSchema,
      responses: { 201: ['The target, with its id', json], 400: badRequest, 409: conflict },
      handle: ({ body }) => ({ status: 201, body: emulator.addTarget(body) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/webhooks/targets/:id',
      tag: 'control',
      summary: 'Change a target (url, format, channels, events, headers, hubSecret, hubSignature, signingSecret)',
      body: targetPatchSchema,
      responses: { 200: ['The target', json], 400: badRequest, 404: notFound },
      handle: ({ params, body }) => {
        const target = emulator.updateTarget(params.id!, body)
        if (!target) throw noTarget(params.id!)
        return { status: 200, body: target }
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/webhooks/targets/:id',
      tag: 'control',
      summary: 'Remove a target',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!emulator.removeTarget(params.id!)) throw noTarget(params.id!)
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/targets/:id/faults',
      tag: 'control',
      summary: "A target's injected delivery faults",
      responses: { 200: ['Faults, or null', json], 404: notFound },
      handle: ({ params }) => {
        const target = emulator.targets().find((t) => t.id === params.id)
        if (!target) throw noTarget(params.id!)
        return { status: 200, body: { faults: target.faults ?? null } }
      },
    }),
    defineRoute({
      method: 'put',
      path: '/webhooks/targets/:id/faults',
      tag: 'control',
      summary: 'Inject delivery faults for a target (duplicates, reordering, delay…)',
      body: faultsSchema,
      responses: { 200: ['Faults', json], 400: badRequest, 404: notFound },
      handle: ({ params, body }) => {
        const target = emulator.setFaults(params.id!, body)
        if (!target) throw noTarget(params.id!)
        return { status: 200, body: { faults: target.faults ?? null } }
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/webhooks/targets/:id/faults',
      tag: 'control',
      summary: 'Stop injecting faults for a target',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!emulator.setFaults(params.id!, undefined)) throw noTarget(params.id!)
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/:id',
      tag: 'control',
      summary: 'One delivery',
      responses: { 200: ['The delivery', json], 404: notFound },
      handle: ({ params }) => {
        const delivery = emulator.delivery(params.id!)
        if (!delivery) throw noDelivery(params.id!)
        return { status: 200, body: delivery }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/:id/replay',
      tag: 'control',
      summary: 'Send a failed delivery again',
      responses: { 200: ['Replayed', json], 404: notFound, 409: conflict },
      handle: ({ params }) => {
        const delivery = emulator.delivery(params.id!)
        if (!delivery) throw noDelivery(params.id!)
        if (!emulator.replay(delivery.id))
          throw new EmulatorError(
            'conflict',
            `Delivery ${delivery.id} is ${delivery.state}; only failed deliveries can be replayed`,
          )
        return { status: 200, body: { replayed: 1 } }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/rate-limit',
      tag: 'control',
      summary: "The tenant's rate limit and daily quota on the vendor API, and how often they refused",
      responses: { 200: ['Limits and counts', json] },
      handle: () => ({ status: 200, body: { rateLimit: emulator.rateLimit(), counts: emulator.stats().rateLimit } }),
    }),
    defineRoute({
      method: 'put',
      path: '/rate-limit',
      tag: 'control',
      summary: 'Set the rate limit (perSecond), the daily quota (perDay) and how 7020 is answered',
      body: rateLimitSchema,
      responses: { 200: ['Limits', json], 400: badRequest },
      handle: ({ body }) => ({ status: 200, body: { rateLimit: emulator.setRateLimit(body) } }),
    }),
    defineRoute({
      method: 'delete',
      path: '/rate-limit',
      tag: 'control',
      summary: 'Stop enforcing limits (they are still advertised in the answer headers)',
      responses: { 204: 'Off' },
      handle: () => {
        emulator.setRateLimit({})
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/chaos',
      tag: 'control',
      summary: 'API-side chaos on the vendor API, and how often it struck',
      responses: { 200: ['Chaos settings and counts', json] },
      handle: () => ({ status: 200, body: { chaos: emulator.chaos() ?? null, counts: emulator.stats().chaos } }),
    }),
    defineRoute({
      method: 'put',
      path: '/chaos',
      tag: 'control',
      summary: 'Make the vendor API fail or slow down at random',
      body: chaosSchema,
      responses: { 200: ['Chaos settings', json], 400: badRequest },
      handle: ({ body }) => ({ status: 200, body: { chaos: emulator.setChaos(body) ?? null } }),
    }),
    defineRoute({
      method: 'delete',
      path: '/chaos',
      tag: 'control',
      summary: 'Turn API-side chaos off',
      responses: { 204: 'Off' },
      handle: () => {
        emulator.setChaos(undefined)
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/rules',
      tag: 'control',
      summary: 'Outcome rules, in match order',
      responses: { 200: ['Rules', json] },
      handle: () => ({ status: 200, body: { rules: emulator.rules() } }),
    }),
    defineRoute({
      method: 'post',
      path: '/rules',
      tag: 'control',
      summary: 'Add an outcome rule',
      body: ruleInputSchema,
      responses: { 201: ['Rules', json], 400: badRequest, 409: conflict },
      handle: ({ body }) => {
        try {
          emulator.addRule(body)
        } catch (error) {
          // A rule the channels cannot take is bad input here, not bad config.
          if (!(error instanceof EmulatorError) || error.code !== 'invalid_config') throw error
          const strip = (text: string) => text.replace(/rules\[\d+\]\./, '')
          throw new EmulatorError(
            'invalid_request',
            `Invalid request body: ${strip(error.message)}`,
            error.field ? strip(error.field) : undefined,
          )
        }
        return { status: 201, body: { rules: emulator.rules() } }
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/rules/:index',
      tag: 'control',
      summary: 'Remove a rule',
      responses: { 204: 'Removed', 400: badRequest, 404: notFound },
      handle: ({ params }) => {
        const raw = params.index!
        if (!/^\d+$/.test(raw))
          throw new EmulatorError(
            'invalid_request',
            `Invalid path at "index": "${raw}" is not a rule index (0, 1, …); GET /_emulator/rules lists them in order`,
            'index',
          )
        if (!emulator.removeRule(Number(raw)))
          throw new EmulatorError('not_found', `No rule at index ${raw}; GET /_emulator/rules lists them`)
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/clock',
      tag: 'control',
      summary: 'Clock mode and time',
      responses: { 200: ['Clock', json] },
      handle: () => ({ status: 200, body: emulator.clockState() }),
    }),
    defineRoute({
      method: 'put',
      path: '/clock',
      tag: 'control',
      summary: 'Switch between real and virtual time',
      body: clockModeInputSchema,
      responses: {
        200: ['Clock', json],
        400: badRequest,
        409: ['This emulator runs on virtual time only', answers.json],
      },
      handle: ({ body }) => {
        emulator.setClockMode(body.mode)
        return { status: 200, body: emulator.clockState() }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/clock/advance',
      tag: 'control',
      summary: 'Move time forward, firing everything due',
      body: advanceInputSchema,
      responses: { 200: ['Clock', json], 400: badRequest, 409: ['This clock cannot be moved by hand', answers.json] },
      handle: async ({ body }) => {
        await emulator.advance(body.by)
        return { status: 200, body: emulator.clockState() }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/reset',
      tag: 'control',
      summary: "Forget everything, or one service's messages",
      body: resetInputSchema,
      optionalBody: true,
      responses: { 200: ['Reset', json], 400: badRequest },
      handle: ({ body }) => {
        emulator.reset(body)
        return { status: 200, body: { reset: true } }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contact-policy',
      tag: 'control',
      summary: 'Contact policy: on or off, and every consent group with its members',
      responses: { 200: ['Contact policy', json] },
      handle: () => ({
        status: 200,
        body: { enabled: emulator.contactPolicy.enabled, groups: emulator.contactPolicy.groups() },
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/contact-policy',
      tag: 'control',
      summary: 'Turn contact policy on or off for the tenant (off: requests asking for a check get 9000)',
      body: z.strictObject({ enabled: z.boolean() }),
      responses: { 200: ['Contact policy', json], 400: badRequest },
      handle: ({ body }) => {
        emulator.contactPolicy.setEnabled(body.enabled)
        return { status: 200, body: { enabled: emulator.contactPolicy.enabled } }
      },
    }),
    defineRoute({
      method: 'put',
      path: '/contact-policy/groups/:id',
      tag: 'control',
      summary: 'Add or replace a consent group: allow or deny list, frequency caps, members',
      body: consentGroupSchema.omit({ id: true }),
      responses: { 200: ['The group', json], 400: badRequest, 409: conflict },
      handle: ({ params, body }) => ({
        status: 200,
        body: emulator.contactPolicy.putGroup({ ...body, id: params.id! }),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contact-policy/groups/:id',
      tag: 'control',
      summary: 'Remove a consent group',
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params }) => {
        if (!emulator.contactPolicy.removeGroup(params.id!))
          throw new EmulatorError(
            'not_found',
            `No consent group "${params.id}"; GET /_emulator/contact-policy lists them`,
          )
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/contact-policy/groups/:id/members',
      tag: 'control',
      summary: "Record a member's consent (true or false, optionally expiring) in a group",
      body: consentMemberSchema,
      responses: { 201: ['The member', json], 400: badRequest, 409: conflict },
      handle: ({ params, body }) => ({ status: 201, body: emulator.contactPolicy.setConsent(params.id!, body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contact-policy/groups/:id/members/:address',
      tag: 'control',
      summary: "Forget a member's consent record (every channel, or ?channel=)",
      query: z.strictObject({ channel: z.enum(consentChannels).optional() }),
      responses: { 204: 'Removed', 404: notFound },
      handle: ({ params, query }) => {
        if (!emulator.contactPolicy.removeConsent(params.id!, params.address!, query.channel))
          throw new EmulatorError('not_found', `${params.address} has no record in consent group "${params.id}"`)
        return { status: 204 }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/inbound',
      tag: 'control',
      summary: 'Injected inbound events (every channel, or ?channel=)',
      query: inboundQuerySchema,
      responses: { 200: ['Events', json], 400: badRequest },
      handle: ({ query }) => ({
        status: 200,
        body: { events: emulator.inbound().filter((e) => !query.channel || e.channel === query.channel) },
      }),
    }),
    ...inboundRoutes,
  ]
}
