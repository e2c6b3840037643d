/**
 * @module A control-API route, defined once: method, path, input schemas, documented answers and a
 * handler. The HTTP layer registers it and the OpenAPI document lists it from the same object, so
 * the two cannot drift. Handlers here are pure — validated input in, a status and body out — so a
 * channel can define its own routes without knowing HTTP.
 */
import { z } from 'zod'

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** What a handler answers: a status and a JSON body (none for 204). */
interface RouteAnswer {
  status: number
  body?: unknown
}

interface RouteInput<Body, Query> {
  /** Path parameters, decoded. */
  params: Record<string, string>
  body: Body
  query: Query
}

/** One documented answer: its description, and the body's schema when it has one. */
export type RouteResponse = string | readonly [description: string, schema: z.ZodType]

export interface ControlRoute<Body = unknown, Query = unknown> {
  method: HttpMethod
  /** Under /_emulator, hono style: "/suppression/:address". */
  path: string
  summary: string
  /** Groups routes in the OpenAPI document: "control" (shared) or a channel's name. */
  tag: string
  /** The JSON body's schema (strict objects: a misspelt key is refused by name). */
  body?: z.ZodType<Body, unknown>
  /** The body may be empty (it then counts as `{}`). */
  optionalBody?: boolean
  /** What the document shows as the body when the route checks it further itself (manual actions). */
  docBody?: z.ZodType
  query?: z.ZodObject
  responses: Record<number, RouteResponse>
  handle(input: RouteInput<Body, Query>): RouteAnswer | Promise<RouteAnswer>
}

/** Defines a route with its input types inferred from its schemas. */
export function defineRoute<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodObject = z.ZodObject>(
  route: Omit<ControlRoute<z.output<B>, z.output<Q>>, 'body' | 'query'> & { body?: B; query?: Q },
): ControlRoute {
  return route as unknown as ControlRoute
}

/** The control API's error body: `code` names the error, `field` the offending input when there is one. */
const controlErrorSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() })

/** Answers most routes document alike. */
export const answers = {
  badRequest: [
    'Invalid input (malformed JSON, wrong type, missing or unknown field); the message and `field` name it',
    controlErrorSchema,
  ],
  notFound: ['No such item', controlErrorSchema],
  conflict: ['Valid, but the current state does not allow it; the message says why', controlErrorSchema],
  /** A JSON object whose shape the summary describes. */
  json: z.record(z.string(), z.unknown()),
} as const
