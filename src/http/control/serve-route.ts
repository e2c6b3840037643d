/**
 * @module Serves a control route from its definition: path parameters decoded, the body and query
 * validated with the route's schemas (400 `invalid_request` naming the field), the handler's answer
 * sent as JSON (or nothing, for 204).
 */
import type { Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import type { ControlRoute } from '../../core/kernel/control-route.js'
import { parseJson, parseOptionalJson, parseQuery } from '../parse-input.js'

/**
 * What a write that takes no body may send (nothing, or `{}`), and the query of a route that reads
 * none. Unread, `{"id":"d1"}` on POST /webhooks/replay replayed every failed delivery, not the one
 * named, and a filter (`GET /webhooks/targets?channel=sms`) filtered nothing, both without a word.
 */
const nothing = z.strictObject({})

export function serveRoute(app: Hono, route: ControlRoute): void {
  const schema = route.body ?? (route.method === 'get' ? undefined : nothing)
  const optional = route.optionalBody || !route.body
  app.on(route.method.toUpperCase(), route.path, async (c: Context) => {
    const body = schema ? await (optional ? parseOptionalJson : parseJson)(c, schema) : undefined
    const query = parseQuery(c, route.query ?? nothing)
    const answer = await route.handle({ params: c.req.param() as Record<string, string>, body, query })
    if (answer.body === undefined) return c.body(null, answer.status as 204)
    return c.json(answer.body, answer.status as ContentfulStatusCode)
  })
}
