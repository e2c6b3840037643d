/**
 * @module The hono app every adapter serves: the vendor API and /_emulator, with one error mapper
 * and JSON answers for unknown routes and wrong methods.
 */
import { Hono } from 'hono'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/errors.js'
import { errorResponse, handleError } from './error-response.js'
import { createInspectRoutes } from './inspect-routes.js'
import { createVendorRoutes } from './vendor-routes.js'

/** Methods each known path answers, for 405s with an Allow header. */
const allowedMethods: Array<[RegExp, string]> = [[/^\/v2\/messages\/?$/, 'POST']]

/**
 * @example
 * const app = createApp(emulator)
 * const response = await app.request('/_emulator/health')
 */
export function createApp(emulator: Emulator): Hono {
  const app = new Hono()
  app.route('/', createVendorRoutes(emulator))
  app.route('/_emulator', createInspectRoutes(emulator))
  app.notFound((c) => {
    const allow = allowedMethods.find(([path]) => path.test(c.req.path))?.[1]
    if (allow) {
      c.header('Allow', allow)
      return errorResponse(c, new EmulatorError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${allow}`))
    }
    return errorResponse(c, new EmulatorError('not_found', `No route for ${c.req.method} ${c.req.path}. The emulator serves POST /v2/messages and GET /_emulator/{health,messages,webhooks}`))
  })
  app.onError(handleError)
  return app
}
