/**
 * @module The OpenAPI 3.1 document, built from the same route definitions the app serves — the
 * vendor API, the shared control routes and each channel's own — and every payload the emulator
 * posts, as OpenAPI `webhooks`. Routes are described with @hono/zod-openapi's `createRoute` and
 * its registry; the app keeps its own validation (the vendor's error texts, strict control inputs),
 * so the document is generated from the definitions, not from the library's request validators.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AnyChannel } from '../../core/channels/channel.js'
import type { ControlRoute, RouteResponse } from '../../core/kernel/control-route.js'

/** "/a/:id" → "/a/{id}" */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

/** A route for the document: a control route, or a vendor route described the same way. */
export interface DocumentedRoute
  extends Pick<ControlRoute, 'method' | 'summary' | 'tag' | 'body' | 'query' | 'docBody' | 'responses'> {
  /** The full path, e.g. "/_emulator/messages/:messageId" or "/v2/messages". */
  fullPath: string
  /** Vendor routes take the service key or a JWT. */
  vendor?: boolean
}

function responses(documented: Record<number, RouteResponse>) {
  return Object.fromEntries(
    Object.entries(documented).map(([status, doc]) => [
      status,
      typeof doc === 'string'
        ? { description: doc }
        : { description: doc[0], content: { 'application/json': { schema: doc[1] } } },
    ]),
  )
}

/** "get", "/_emulator/messages/:messageId" → "getEmulatorMessagesMessageId"; a trailing slash adds "Slash". */
function operationId(method: string, path: string): string {
  const words = path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())
  return `${method}${words}${path.length > 1 && path.endsWith('/') ? 'Slash' : ''}`
}

export function buildOpenApi(
  version: string,
  routes: readonly DocumentedRoute[],
  channels: readonly AnyChannel[],
): Record<string, unknown> {
  const docs = new OpenAPIHono()
  const registry = docs.openAPIRegistry
  registry.registerComponent('securitySchemes', 'serviceKey', { type: 'apiKey', in: 'header', name: 'key' })
  registry.registerComponent('securitySchemes', 'jwt', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT (HS256, iss = service id)',
  })
  for (const route of routes) {
    const params = [...route.fullPath.matchAll(/:(\w+)/g)].map(([, name]) => name!)
    const body = route.docBody ?? route.body
    registry.registerPath(
      createRoute({
        method: route.method,
        path: toOpenApiPath(route.fullPath),
        tags: [route.tag],
        summary: route.summary,
        operationId: operationId(route.method, route.fullPath),
        request: {
          ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
          ...(route.query ? { query: route.query } : {}),
          ...(body ? { body: { required: !route.docBody, content: { 'application/json': { schema: body } } } } : {}),
        },
        ...(route.vendor ? { security: [{ serviceKey: [] }, { jwt: [] }] } : {}),
        responses: responses(route.responses),
      } as Parameters<typeof createRoute>[0]),
    )
  }
  for (const channel of channels) {
    for (const [name, { summary, schema }] of Object.entries(channel.payloads)) {
      registry.registerWebhook({
        method: 'post',
        path: name,
        summary,
        tags: [channel.name],
        request: { body: { required: true, content: { 'application/json': { schema } } } },
        responses: { 200: { description: 'Any 2xx counts as delivered' } },
      })
    }
  }
  const tags = [
    { name: 'vendor', description: 'The vendor APIs the emulator copies' },
    { name: 'control', description: "The emulator's own control API under /_emulator" },
    ...channels.map((c) => ({ name: c.name, description: `The ${c.label} channel's own control routes and payloads` })),
  ]
  return docs.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'webex-connect-emulator',
      version,
      description:
        "Webex Connect, emulated: the vendor's messaging APIs and the emulator's control API. The `webhooks` section describes every payload the emulator posts to your app.",
    },
    tags,
  }) as unknown as Record<string, unknown>
}
