/**
 * @module The vendor APIs we copy, each route defined once (served here, documented in the OpenAPI
 * document from the same object): `POST /v2/messages`, the Send Message API v2 for every channel.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { gatewayErrorSchema, sendResponseSchema, vendorErrorSchema } from '../core/apis/v2-schemas.js'
import type { EmulatorCore, EngineHost } from '../core/emulator.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { applyChaos } from './apply-chaos.js'
import { authenticate } from './auth.js'
import { meterRequest } from './meter-request.js'
import type { DocumentedRoute } from './openapi/build-openapi.js'
import { readJsonBody } from './read-json-body.js'
import { vendorJson } from './vendor-json.js'

export interface VendorRoutesOptions {
  /** Wall time for JWT ages and the per-second rate limit (tests inject their own). */
  wallClock?: () => number
}

export interface VendorRoute extends DocumentedRoute {
  serve(c: Context): Promise<Response>
}

export function vendorRoutes(
  emulator: EmulatorCore,
  host: EngineHost,
  { wallClock = Date.now }: VendorRoutesOptions = {},
): VendorRoute[] {
  const channels = host.channels.filter((c) => c.definition.v2).map((c) => c.definition.name)
  return [
    {
      method: 'post',
      fullPath: '/v2/messages',
      vendor: true,
      tag: 'vendor',
      summary: `Send Message API v2 (channel: ${channels.join(', ')})`,
      body: host.v2Schema,
      responses: {
        201: ['Accepted; receipts follow as webhooks', sendResponseSchema],
        400: [
          "7000 invalid JSON, 7003 missing parameter, 7004 invalid parameter, 7009 too many destinations; 7020 past the rate limit or quota, in the API gateway's envelope",
          z.union([vendorErrorSchema, gatewayErrorSchema]),
        ],
        401: 'Missing or bad credentials (empty body)',
        413: ['Body over limits.maxBodyBytes', vendorErrorSchema],
        415: ['Content-Type is not JSON', vendorErrorSchema],
        429: [
          '7020 past the rate limit or quota, when rateLimit.answer is "http-429" (with Retry-After)',
          vendorErrorSchema,
        ],
      },
      async serve(c) {
        const injected = await applyChaos(c, host)
        if (injected) return injected
        // JWT iat is judged on wall time: clients sign with it, while a sped-up emulated clock runs ahead.
        const auth = authenticate(
          { key: c.req.header('key'), authorization: c.req.header('authorization') },
          emulator.config,
          wallClock(),
        )
        if ('refused' in auth) throw new EmulatorError('unauthorized', '', undefined, auth.refused)
        const limits = meterRequest(c, emulator, host, wallClock())
        const response = emulator.send(await readJsonBody(c), auth)
        return vendorJson(c, response, 201, { ...limits })
      },
    },
  ]
}

export function serveVendorRoutes(app: Hono, routes: readonly VendorRoute[]): void {
  for (const route of routes) app.on(route.method.toUpperCase(), route.fullPath, (c) => route.serve(c))
}
