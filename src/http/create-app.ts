/**
 * @module The hono app every adapter serves: the vendor API and /_emulator, with one error mapper
 * and JSON answers for unknown routes and wrong methods.
 */
import { Hono } from 'hono'
import type { Emulator } from '../core/emulator.js'
import { EmulatorError } from '../core/errors.js'
import { errorResponse, handleError } from './error-response.js'
import { createControlRoutes, type ControlOptions } from './control/create-control-routes.js'
import { createVendorRoutes } from './vendor-routes.js'

/** Methods each known path answers, for 405s with an Allow header. */
const allowedMethods: Array<[RegExp, string]> = [[/^\/v2\/messages\/?$/, 'POST']]

/**
 * @example
 * const app = createApp(emulator)
 * const response = await app.request('/_emulator/health')
 */
export function createApp(emulator: Emulator, options: ControlOptions = {}): Hono {
  const app = new Hono()
  app.route('/', createVendorRoutes(emulator))
  app.route('/_emulator', createControlRoutes(emulator, options))
  app.notFound((c) => {
    const allow = allowedMethods.find(([path]) => path.test(c.req.path))?.[1]
    if (allow) {
      c.header('Allow', allow)
      return errorResponse(c, new EmulatorError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${allow}`))
    }
    return errorResponse(c, new EmulatorError('not_found', `No route for ${c.req.method} ${c.req.path}. The emulator serves POST /v2/messages and the control API under /_emulator (see /_emulator/openapi.json)`))
  })
  app.onError(handleError)
  return app
}
