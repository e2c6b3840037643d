/**
 * @module Everything under /_emulator: the control API (shared routes and each channel's own), its
 * event stream, the OpenAPI document and the web console, behind the optional control token.
 * Errors here answer in the control API's own shape (`{"code":"invalid_request","message":…,
 * "field":…}`), not the vendor's.
 */
import { Hono } from 'hono'
import type { EmulatorCore, EngineHost } from '../../core/emulator.js'
import type { ControlRoute } from '../../core/kernel/control-route.js'
import { eventQuerySchema } from '../../core/schemas/control.js'
import { consolePage } from '../console/console-page.js'
import { handleControlError } from '../error-response.js'
import type { DocumentedRoute } from '../openapi/build-openapi.js'
import { controlToken } from './control-token.js'
import { eventsRoute } from './events-route.js'
import { sharedControlRoutes } from './routes.js'
import { serveRoute } from './serve-route.js'

export interface ControlOptions {
  /** When set, control routes (all but health and the console page) require it. */
  controlToken?: string | undefined
  version?: string
}

/** Every control route the app serves, each channel's included, as defined (for serving and for the document). */
export function controlRoutes(emulator: EmulatorCore, host: EngineHost): ControlRoute[] {
  return [...sharedControlRoutes(emulator, host), ...host.channelRoutes()]
}

/** The routes served by hand (a page, a stream, the document itself), documented alongside the rest. */
const specialRoutes: DocumentedRoute[] = [
  {
    method: 'get',
    fullPath: '/_emulator',
    tag: 'control',
    summary: 'The web console (HTML)',
    responses: { 200: 'The console page' },
  },
  {
    method: 'get',
    fullPath: '/_emulator/',
    tag: 'control',
    summary: 'Redirects to the web console at /_emulator',
    responses: { 308: 'Redirect to /_emulator' },
  },
  {
    method: 'get',
    fullPath: '/_emulator/health',
    tag: 'control',
    summary: 'Liveness',
    responses: { 200: 'OK: {"status":"ok"}' },
  },
  {
    method: 'get',
    fullPath: '/_emulator/openapi.json',
    tag: 'control',
    summary: 'This document',
    responses: { 200: 'OpenAPI 3.1' },
  },
  {
    method: 'get',
    fullPath: '/_emulator/events',
    tag: 'control',
    summary:
      'Server-Sent Events: message, receipt, attempt, inbound, state, reset, rejected (?channel= keeps one channel)',
    query: eventQuerySchema,
    responses: { 200: 'text/event-stream', 400: 'A bad filter: {"code":"invalid_request","message":…,"field":…}' },
  },
]

export function createControlRoutes(
  emulator: EmulatorCore,
  host: EngineHost,
  documented: () => DocumentedRoute[],
  { controlToken: token, version = '0.0.0' }: ControlOptions = {},
): Hono {
  let openApi: Record<string, unknown> | undefined
  const app = new Hono()
  app.onError(handleControlError)
  // Open routes first: matched, they answer without reaching the token check below.
  app.get('/', async (c) => {
    const { html, policy } = await consolePage()
    c.header('content-security-policy', policy)
    return c.html(html)
  })
  app.get('/health', (c) => c.json({ status: 'ok' }))
  app.use('*', controlToken(token))
  // Loaded on the first request for it: the OpenAPI libraries are a sixth of the CLI bundle, which
  // every start would otherwise compile (bench/PROFILE.md, start-up).
  app.get('/openapi.json', async (c) => {
    if (!openApi) {
      const { buildOpenApi } = await import('../openapi/build-openapi.js')
      openApi = buildOpenApi(
        version,
        [...specialRoutes, ...documented()],
        host.channels.map((r) => r.definition),
      )
    }
    return c.json(openApi)
  })
  app.route('/', eventsRoute(emulator))
  for (const route of controlRoutes(emulator, host)) serveRoute(app, route)
  return app
}
