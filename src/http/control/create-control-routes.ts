/**
 * @module Everything under /_emulator: the control API, its event stream, the OpenAPI document and
 * the web console, behind the optional control token. Errors here answer in the control API's own
 * shape (`{"code":"invalid_request","message":…,"field":…}`), not the vendor's.
 */
import { Hono } from 'hono'
import type { Emulator } from '../../core/emulator.js'
import { consolePage } from '../console/console-page.js'
import { handleControlError } from '../error-response.js'
import { buildOpenApi } from '../openapi/build-openapi.js'
import { createClockRoutes } from './clock-routes.js'
import { controlToken } from './control-token.js'
import { createEventsRoute } from './events-route.js'
import { createFaultRoutes } from './fault-routes.js'
import { createInboundRoutes } from './inbound-routes.js'
import { createMessagesRoutes } from './messages-routes.js'
import { createStateRoutes } from './state-routes.js'
import { createWebhookRoutes } from './webhook-routes.js'

export interface ControlOptions {
  /** When set, control routes (all but health and the console page) require it. */
  controlToken?: string | undefined
  version?: string
}

export function createControlRoutes(
  emulator: Emulator,
  { controlToken: token, version = '0.0.0' }: ControlOptions = {},
): Hono {
  let openApi: Record<string, unknown> | undefined
  const app = new Hono()
  app.onError(handleControlError)
  // Open routes first: matched, they answer without reaching the token check below.
  return app
    .get('/', async (c) => c.html(await consolePage()))
    .get('/health', (c) => c.json({ status: 'ok' }))
    .use('*', controlToken(token))
    .get('/stats', (c) => c.json(emulator.stats()))
    .get('/openapi.json', (c) => c.json((openApi ??= buildOpenApi(version))))
    .route('/', createMessagesRoutes(emulator))
    .route('/', createFaultRoutes(emulator))
    .route('/', createWebhookRoutes(emulator))
    .route('/', createStateRoutes(emulator))
    .route('/', createClockRoutes(emulator))
    .route('/', createInboundRoutes(emulator))
    .route('/', createEventsRoute(emulator))
}
