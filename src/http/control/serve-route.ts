/**
 * @module Serves a control route from its definition: path parameters decoded, the body and query
 * validated with the route's schemas (400 `invalid_request` naming the field), the handler's answer
 * sent as JSON (or nothing, for 204).
 */
import type { Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ControlRoute } from '../../core/kernel/control-route.js'
import { parseJson, parseOptionalJson, parseQuery } from '../parse-input.js'

export function serveRoute(app: Hono, route: ControlRoute): void {
  app.on(route.method.toUpperCase(), route.path, async (c: Context) => {
    const body = route.body ? await (route.optionalBody ? parseOptionalJson : parseJson)(c, route.body) : undefined
    const query = route.query ? parseQuery(c, route.query) : {}
    const answer = await route.handle({ params: c.req.param() as Record<string, string>, body, query })
    if (answer.body === undefined) return c.body(null, answer.status as 204)
    return c.json(answer.body, answer.status as ContentfulStatusCode)
  })
}
