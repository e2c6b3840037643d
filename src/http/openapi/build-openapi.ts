/**
 * @module The OpenAPI 3.1 document: the vendor API and the control API from the route table, and
 * the payloads the emulator posts, as OpenAPI `webhooks` — all generated from the zod schemas.
 */
import { z } from 'zod'
import { dataStreamReceiptSchema, webhookReceiptSchema } from '../../core/channels/email/schemas/delivery-receipt.js'
import {
  dataStreamInboundEmailSchema,
  dataStreamSubscriptionEventSchema,
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
} from '../../core/channels/email/schemas/inbound-event.js'
import { routeDocs } from './route-docs.js'

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' })
const content = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema) } })
/** "/a/:id" → "/a/{id}" */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

/** "get", "/_emulator/messages/:messageId" → "getEmulatorMessagesMessageId"; a trailing slash adds "Slash". */
function operationId(method: string, path: string): string {
  const words = path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())
  return `${method}${words}${path.length > 1 && path.endsWith('/') ? 'Slash' : ''}`
}

function webhook(summary: string, schema: z.ZodType) {
  return {
    post: {
      summary,
      requestBody: { required: true, content: content(schema) },
      responses: { 200: { description: 'Any 2xx counts as delivered' } },
    },
  }
}

export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routeDocs) {
    const params = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    const query = route.query
      ? Object.keys(route.query.shape).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: jsonSchema(route.query!.shape[name] as z.ZodType),
        }))
      : []
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, doc]) => [
        status,
        typeof doc === 'string' ? { description: doc } : { description: doc[0], content: content(doc[1]) },
      ]),
    )
    ;(paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      operationId: operationId(route.method, route.path),
      ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
      ...(route.body ? { requestBody: { required: true, content: content(route.body) } } : {}),
      ...(route.tag === 'vendor' ? { security: [{ serviceKey: [] }, { jwt: [] }] } : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'webex-connect-emulator',
      version,
      description:
        "The Webex Connect email channel, emulated: the vendor's Send Message API v2 and the emulator's control API. The `webhooks` section describes every payload the emulator posts to your app.",
    },
    tags: [
      { name: 'vendor', description: 'The vendor API the emulator copies' },
      { name: 'control', description: "The emulator's own control API under /_emulator" },
    ],
    paths,
    webhooks: {
      deliveryReceipt: webhook(
        'Delivery receipt, outbound-webhook format (to notifyUrl and "webhook" targets)',
        webhookReceiptSchema,
      ),
      dataStreamReceipt: webhook(
        'Delivery receipt, data-stream format ("datastream" targets)',
        dataStreamReceiptSchema,
      ),
      inboundEmail: webhook('Incoming email (MO), outbound-webhook format', webhookInboundEmailSchema),
      dataStreamInboundEmail: webhook('Incoming email, data-stream format', dataStreamInboundEmailSchema),
      subscriptionEvent: webhook('Unsubscribe / Subscribe, outbound-webhook format', webhookSubscriptionEventSchema),
      dataStreamSubscriptionEvent: webhook(
        'Unsubscribe / Subscribe, data-stream format',
        dataStreamSubscriptionEventSchema,
      ),
    },
    components: {
      securitySchemes: {
        serviceKey: { type: 'apiKey', in: 'header', name: 'key' },
        jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256, iss = service id)' },
      },
    },
  }
}
