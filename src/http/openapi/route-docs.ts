/**
 * @module What each route takes and answers, for the OpenAPI document. Schemas are the same zod
 * schemas the routes validate with; a test checks that every route the app serves is listed here.
 */
import { z } from 'zod'
import { manualActionSchema } from '../../core/channels/email/manual-actions.js'
import {
  gatewayErrorSchema,
  sendRequestSchema,
  sendResponseSchema,
  vendorErrorSchema,
} from '../../core/channels/email/schemas/send-request.js'
import { chaosSchema, faultsSchema, rateLimitSchema } from '../../core/schemas/config.js'
import {
  advanceInputSchema,
  clockModeInputSchema,
  deliveryQuerySchema,
  inboundEmailInputSchema,
  messageQuerySchema,
  resetInputSchema,
  ruleInputSchema,
  sandboxInputSchema,
  subscriptionInputSchema,
  suppressInputSchema,
  targetInputSchema,
  targetPatchSchema,
  unsubscribeInputSchema,
} from '../../core/schemas/control.js'

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Hono style, e.g. "/_emulator/messages/:messageId". */
  path: string
  tag: 'vendor' | 'control'
  summary: string
  body?: z.ZodType
  query?: z.ZodObject
  /** Status → description, with an optional body schema. */
  responses: Record<number, string | [string, z.ZodType]>
}

const json = z.record(z.string(), z.unknown())
/** The control API's error body: `code` names the error, `field` the offending input when there is one. */
const controlErrorSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() })
const badRequest = [
  'Invalid input (malformed JSON, wrong type, missing or unknown field); the message and `field` name it',
  controlErrorSchema,
] as [string, z.ZodType]
const notFound = ['No such item', controlErrorSchema] as [string, z.ZodType]
const conflict = ['Valid, but the current state does not allow it; the message says why', controlErrorSchema] as [
  string,
  z.ZodType,
]

export const routeDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v2/messages',
    tag: 'vendor',
    summary: 'Send Message API v2, email channel',
    body: sendRequestSchema,
    responses: {
      201: ['Accepted; receipts follow as webhooks', sendResponseSchema],
      400: [
        "7000 invalid JSON, 7003 missing parameter, 7004 invalid parameter, 7009 too many destinations; 7020 past the rate limit or quota, in the API gateway's envelope",
        z.union([vendorErrorSchema, gatewayErrorSchema]),
      ],
      401: 'Missing or bad credentials (empty body)',
      429: [
        '7020 past the rate limit or quota, when rateLimit.answer is "http-429" (with Retry-After)',
        vendorErrorSchema,
      ],
      413: ['Body over limits.maxBodyBytes', vendorErrorSchema],
      415: ['Content-Type is not JSON', vendorErrorSchema],
    },
  },
  {
    method: 'get',
    path: '/_emulator',
    tag: 'control',
    summary: 'The web console (HTML)',
    responses: { 200: 'The console page' },
  },
  {
    method: 'get',
    path: '/_emulator/',
    tag: 'control',
    summary: 'Redirects to the web console at /_emulator',
    responses: { 308: 'Redirect to /_emulator' },
  },
  {
    method: 'get',
    path: '/_emulator/health',
    tag: 'control',
    summary: 'Liveness',
    responses: { 200: ['OK', z.object({ status: z.literal('ok') })] },
  },
  {
    method: 'get',
    path: '/_emulator/stats',
    tag: 'control',
    summary: 'Counts of messages, deliveries, evictions and timers',
    responses: { 200: ['Counts', json] },
  },
  {
    method: 'get',
    path: '/_emulator/openapi.json',
    tag: 'control',
    summary: 'This document',
    responses: { 200: 'OpenAPI 3.1' },
  },
  {
    method: 'get',
    path: '/_emulator/events',
    tag: 'control',
    summary: 'Server-Sent Events: message, receipt, attempt, inbound, state, reset',
    responses: { 200: 'text/event-stream' },
  },
  {
    method: 'get',
    path: '/_emulator/messages',
    tag: 'control',
    summary: 'Messages, newest first, filtered and paginated',
    query: messageQuerySchema,
    responses: { 200: ['A page of messages', json], 400: badRequest },
  },
  {
    method: 'get',
    path: '/_emulator/messages/:messageId',
    tag: 'control',
    summary: 'One message with its recipients, receipts and webhook deliveries',
    responses: { 200: ['The message', json], 404: notFound },
  },
  {
    method: 'post',
    path: '/_emulator/messages/:messageId/recipients/:address/actions',
    tag: 'control',
    summary: 'Deliver, bounce, complain, read or click a held recipient (outcome "hold") now',
    body: manualActionSchema,
    responses: { 200: ['The recipient after the action', json], 400: badRequest, 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/webhooks',
    tag: 'control',
    summary: 'Webhook deliveries with every attempt',
    query: deliveryQuerySchema,
    responses: { 200: ['Deliveries', json], 400: badRequest },
  },
  {
    method: 'get',
    path: '/_emulator/webhooks/:id',
    tag: 'control',
    summary: 'One delivery',
    responses: { 200: ['The delivery', json], 404: notFound },
  },
  {
    method: 'post',
    path: '/_emulator/webhooks/:id/replay',
    tag: 'control',
    summary: 'Send a failed delivery again',
    responses: { 200: ['Replayed', json], 404: notFound, 409: conflict },
  },
  {
    method: 'post',
    path: '/_emulator/webhooks/replay',
    tag: 'control',
    summary: 'Send every failed delivery again',
    responses: { 200: ['How many', json] },
  },
  {
    method: 'get',
    path: '/_emulator/webhooks/targets',
    tag: 'control',
    summary: 'Service-level webhook targets',
    responses: { 200: ['Targets', json] },
  },
  {
    method: 'post',
    path: '/_emulator/webhooks/targets',
    tag: 'control',
    summary: 'Add a target',
    body: targetInputSchema,
    responses: { 201: ['The target, with its id', json], 400: badRequest },
  },
  {
    method: 'patch',
    path: '/_emulator/webhooks/targets/:id',
    tag: 'control',
    summary: 'Change a target (format, events, headers, hubSecret, url)',
    body: targetPatchSchema,
    responses: { 200: ['The target', json], 400: badRequest, 404: notFound },
  },
  {
    method: 'delete',
    path: '/_emulator/webhooks/targets/:id',
    tag: 'control',
    summary: 'Remove a target',
    responses: { 204: 'Removed', 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/webhooks/targets/:id/faults',
    tag: 'control',
    summary: "A target's injected delivery faults",
    responses: { 200: ['Faults, or null', json], 404: notFound },
  },
  {
    method: 'put',
    path: '/_emulator/webhooks/targets/:id/faults',
    tag: 'control',
    summary: 'Inject delivery faults for a target (duplicates, reordering, delay…)',
    body: faultsSchema,
    responses: { 200: ['Faults', json], 400: badRequest, 404: notFound },
  },
  {
    method: 'delete',
    path: '/_emulator/webhooks/targets/:id/faults',
    tag: 'control',
    summary: 'Stop injecting faults for a target',
    responses: { 204: 'Removed', 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/rate-limit',
    tag: 'control',
    summary: "The tenant's rate limit and daily quota on the vendor API, and how often they refused",
    responses: { 200: ['Limits and counts', json] },
  },
  {
    method: 'put',
    path: '/_emulator/rate-limit',
    tag: 'control',
    summary: 'Set the rate limit (perSecond), the daily quota (perDay) and how 7020 is answered',
    body: rateLimitSchema,
    responses: { 200: ['Limits', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/rate-limit',
    tag: 'control',
    summary: 'Stop enforcing limits (they are still advertised in the answer headers)',
    responses: { 204: 'Off' },
  },
  {
    method: 'get',
    path: '/_emulator/chaos',
    tag: 'control',
    summary: 'API-side chaos on POST /v2/messages, and how often it struck',
    responses: { 200: ['Chaos settings and counts', json] },
  },
  {
    method: 'put',
    path: '/_emulator/chaos',
    tag: 'control',
    summary: 'Make POST /v2/messages fail or slow down at random',
    body: chaosSchema,
    responses: { 200: ['Chaos settings', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/chaos',
    tag: 'control',
    summary: 'Turn API-side chaos off',
    responses: { 204: 'Off' },
  },
  {
    method: 'get',
    path: '/_emulator/suppression',
    tag: 'control',
    summary: 'The bounce list, with expiry times',
    responses: { 200: ['Entries', json] },
  },
  {
    method: 'post',
    path: '/_emulator/suppression',
    tag: 'control',
    summary: 'Put an address on the bounce list',
    body: suppressInputSchema,
    responses: { 201: ['The entry', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/suppression/:address',
    tag: 'control',
    summary: 'Take an address off the bounce list',
    responses: { 204: 'Removed', 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/unsubscribes',
    tag: 'control',
    summary: 'Sender/address unsubscribe pairs',
    responses: { 200: ['Entries', json] },
  },
  {
    method: 'post',
    path: '/_emulator/unsubscribes',
    tag: 'control',
    summary: 'Unsubscribe an address from a sender',
    body: unsubscribeInputSchema,
    responses: { 201: ['The entry', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/unsubscribes/:sender/:address',
    tag: 'control',
    summary: 'Re-subscribe',
    responses: { 204: 'Removed', 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/sandbox',
    tag: 'control',
    summary: 'Sandbox mode and verified addresses',
    responses: { 200: ['Sandbox', json] },
  },
  {
    method: 'put',
    path: '/_emulator/sandbox',
    tag: 'control',
    summary: 'Turn sandbox mode on or off; verify addresses or domains',
    body: sandboxInputSchema,
    responses: { 200: ['Sandbox', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/sandbox/verified/:address',
    tag: 'control',
    summary: 'Un-verify an address or domain',
    responses: { 204: 'Removed', 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/rules',
    tag: 'control',
    summary: 'Outcome rules, in match order',
    responses: { 200: ['Rules', json] },
  },
  {
    method: 'post',
    path: '/_emulator/rules',
    tag: 'control',
    summary: 'Add an outcome rule',
    body: ruleInputSchema,
    responses: { 201: ['Rules', json], 400: badRequest },
  },
  {
    method: 'delete',
    path: '/_emulator/rules/:index',
    tag: 'control',
    summary: 'Remove a rule',
    responses: { 204: 'Removed', 400: badRequest, 404: notFound },
  },
  {
    method: 'get',
    path: '/_emulator/clock',
    tag: 'control',
    summary: 'Clock mode and time',
    responses: { 200: ['Clock', json] },
  },
  {
    method: 'put',
    path: '/_emulator/clock',
    tag: 'control',
    summary: 'Switch between real and virtual time',
    body: clockModeInputSchema,
    responses: {
      200: ['Clock', json],
      400: badRequest,
      409: ['This emulator runs on virtual time only', controlErrorSchema],
    },
  },
  {
    method: 'post',
    path: '/_emulator/clock/advance',
    tag: 'control',
    summary: 'Move time forward, firing everything due',
    body: advanceInputSchema,
    responses: {
      200: ['Clock', json],
      400: badRequest,
      409: ['This clock cannot be moved by hand', controlErrorSchema],
    },
  },
  {
    method: 'post',
    path: '/_emulator/reset',
    tag: 'control',
    summary: "Forget everything, or one service's messages",
    body: resetInputSchema,
    responses: { 200: ['Reset', json], 400: badRequest },
  },
  {
    method: 'get',
    path: '/_emulator/inbound',
    tag: 'control',
    summary: 'Injected inbound events',
    responses: { 200: ['Events', json] },
  },
  {
    method: 'post',
    path: '/_emulator/inbound/email',
    tag: 'control',
    summary: 'An incoming email (MO) to inbound webhook targets',
    body: inboundEmailInputSchema,
    responses: { 201: ['The event', json], 400: badRequest },
  },
  {
    method: 'post',
    path: '/_emulator/inbound/unsubscribe',
    tag: 'control',
    summary: "An Unsubscribe event; the address joins the sender's unsubscribe list",
    body: subscriptionInputSchema,
    responses: { 201: ['The event', json], 400: badRequest },
  },
  {
    method: 'post',
    path: '/_emulator/inbound/subscribe',
    tag: 'control',
    summary: "A Subscribe event; the address leaves the sender's unsubscribe list",
    body: subscriptionInputSchema,
    responses: { 201: ['The event', json], 400: badRequest },
  },
]
