/**
 * @module The hono app every adapter serves: the vendor API and /_emulator, with one error mapper
 * and JSON answers for unknown routes and wrong methods.
 */
import { type Context, Hono } from 'hono'
import { type EmulatorCore, hostOf } from '../core/emulator.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import { type ControlOptions, controlRoutes, createControlRoutes } from './control/create-control-routes.js'
import { controlErrorResponse, errorCodeOf, errorResponse, handleControlError, handleError } from './error-response.js'
import { createIsolatedApp } from './isolation/create-isolated-app.js'
import { refuseTenantNaming } from './isolation/refuse-tenant-naming.js'
import { limitBody } from './read-json-body.js'
import { guardControl, guardHost } from './site-guard.js'
import { serveVendorRoutes, type VendorRoutesOptions, vendorRoutes } from './vendor-routes.js'

/** Where and how the app is reached, for the cross-site checks (src/http/site-guard.ts). */
interface SiteOptions {
  /** The address the server listens on (`startServer` passes it): a name there is allowed in `Host`. */
  boundHost?: string | undefined
  /**
   * Whether to check `Host` and `Origin` (default true). The MSW handlers turn it off: in-process,
   * no web page can reach the app.
   */
  checkSite?: boolean
}

/** Options of `createApp()`: the control token, the cross-site checks, and the wall clock (for tests). */
export type AppOptions = ControlOptions & VendorRoutesOptions & SiteOptions

const isControlPath = (path: string) => path === '/_emulator' || path.startsWith('/_emulator/')

/**
 * The methods the app's own routes answer on `path` exactly (middleware entries aside), for 405s.
 * Exactly, as hono routes: with a trailing slash it matched a route that does not take that path,
 * and answered "POST is not allowed on /v1/sms/messages/: use POST".
 */
function methodsFor(app: Hono, path: string): string[] {
  const methods = app.routes
    .filter((route) => route.method !== 'ALL' && new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`).test(path))
    .map((route) => route.method)
  return [...new Set(methods)]
}

/**
 * The hono app behind the server and the MSW handlers, for serving the emulator from your own
 * runtime or calling it with `app.request()` without any socket.
 * @example
 * import { createApp, createEmulator } from 'webex-connect-emulator'
 *
 * const app = createApp(createEmulator({ clock: 'virtual' }))
 * const response = await app.request('/_emulator/health')
 *
 * Handed an isolated emulator (`createIsolatedEmulator()`), it serves each service's tenant.
 */
export function createApp(emulator: EmulatorCore | IsolatedEmulator, options: AppOptions = {}): Hono {
  if (isIsolatedEmulator(emulator)) return createIsolatedApp(emulator, options)
  const host = hostOf(emulator)
  const app = new Hono()
  const site = { ...emulator.config.server, boundHost: options.boundHost, checkSite: options.checkSite ?? true }
  // Other web sites are kept out first: a Host that is not this emulator's, and on the control API
  // another site's Origin or a write that is not JSON (docs/decisions/008).
  app.use('*', guardHost(site))
  app.use('/_emulator', ...guardControl(site))
  app.use('/_emulator/*', ...guardControl(site))
  // Every route, the control API included, refuses oversized bodies before reading them.
  const maxSize = emulator.config.limits.maxBodyBytes
  app.use('*', limitBody(maxSize))
  // A tenant named to an emulator that keeps none apart would be quietly shared: refused instead.
  if (emulator.config.isolation === 'none') app.use('/_emulator/*', refuseTenantNaming)
  const vendor = vendorRoutes(emulator, host, options)
  serveVendorRoutes(app, vendor)
  // The CLI prints the console as /_emulator/; one canonical URL keeps its links simple. Registered
  // before the control routes, so it answers without meeting their control-token check.
  app.get('/_emulator/', (c) => c.redirect(`/_emulator${new URL(c.req.url).search}`, 308))
  const documented = () => [
    ...vendor,
    ...controlRoutes(emulator, host).map((route) => ({ ...route, fullPath: `/_emulator${route.path}` })),
  ]
  app.route('/_emulator', createControlRoutes(emulator, host, documented, options))
  app.notFound((c: Context) => {
    const control = isControlPath(c.req.path)
    const respond = (error: EmulatorError) => (control ? controlErrorResponse(c, error) : errorResponse(c, error))
    const allow = methodsFor(app, c.req.path).join(', ')
    if (allow) {
      c.header('Allow', allow)
      return respond(
        new EmulatorError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${allow}`),
      )
    }
    const trimmed = c.req.path.replace(/\/+$/, '')
    const served = trimmed !== c.req.path && trimmed !== '' ? methodsFor(app, trimmed) : []
    const withoutSlash =
      served.length > 0 ? ` (${served.join(', ')} ${trimmed}, without the trailing slash, is served)` : ''
    return respond(
      new EmulatorError(
        'not_found',
        `No route for ${c.req.method} ${c.req.path}${withoutSlash}. The emulator serves POST /v2/messages and the control API under /_emulator (see /_emulator/openapi.json)`,
      ),
    )
  })
  app.onError((error, c) => {
    // The checks above run here, before the control routes' own error handler: answer in their shape.
    const response = isControlPath(c.req.path) ? handleControlError(error, c) : handleError(error, c)
    // Vendor-API refusals are logged with their detail (the body keeps the vendor's exact text).
    if (error instanceof EmulatorError && response.status < 500) {
      host.reportRejection({
        method: c.req.method,
        path: c.req.path,
        status: response.status,
        code: errorCodeOf(error),
        message: error.message,
        detail: error.detail,
      })
    }
    return response
  })
  return app
}
