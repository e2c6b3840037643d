/**
 * @module The app an isolated emulator serves (`isolation: "service"`). It finds the tenant a
 * request belongs to and hands the request, untouched, to that tenant's own app — the same
 * `createApp()` a single emulator serves, so every route, channel and check behaves as it does
 * there. The vendor APIs name the tenant by their credentials; the control API and the console by
 * an `x-emulator-tenant` header or `?tenant=`, and without one answer 400 saying how. Health, the
 * OpenAPI document and requests no tenant owns (refused credentials, unknown routes) go to the
 * front, an emulator that never takes a send.
 */
import { type Context, Hono } from 'hono'
import { hostOf } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import type { Emulator } from '../../runtime/create-emulator.js'
import type { IsolatedEmulator } from '../../runtime/create-isolated-emulator.js'
import { controlToken } from '../control/control-token.js'
import { closeEventStreams } from '../control/events-route.js'
import type { AppOptions } from '../create-app.js'
import { createApp } from '../create-app.js'
import { errorCodeOf, errorResponse, handleControlError, handleError } from '../error-response.js'
import { guardControl, guardHost } from '../site-guard.js'
import { vendorRoutes } from '../vendor-routes.js'
import { documentIsolation } from './document-isolation.js'
import { howToNameATenant, namedTenant, tenantOfCredentials } from './tenant-of-request.js'
import { tenantPickerHtml, tenantPickerPolicy } from './tenant-picker-page.js'

const isControlPath = (path: string) => path === '/_emulator' || path.startsWith('/_emulator/')

function tenantRequired(isolated: IsolatedEmulator): EmulatorError {
  const alive = isolated.tenants().map((t) => `"${t.name}"`)
  const shown = alive.length > 10 ? [...alive.slice(-10), `… ${alive.length - 10} more`] : alive
  return new EmulatorError(
    'invalid_request',
    `This emulator isolates services (isolation "service"): ${howToNameATenant}. ${
      alive.length ? `Tenants alive: ${shown.join(', ')}` : 'No tenant is alive yet: one starts with its first request'
    } (GET /_emulator/tenants lists them)`,
    'tenant',
  )
}

/**
 * The hono app of an isolated emulator; `createApp()` and `startServer()` build it when handed one.
 * @example
 * import { createApp, createIsolatedEmulator } from 'webex-connect-emulator'
 *
 * const app = createApp(createIsolatedEmulator({ clock: 'virtual' }))
 * await app.request('/_emulator/messages', { headers: { 'x-emulator-tenant': 'worker-1' } })
 */
export function createIsolatedApp(isolated: IsolatedEmulator, options: AppOptions = {}): Hono {
  const { wallClock = Date.now } = options
  const apps = new WeakMap<Emulator, Hono>()
  const forward = (c: Context, emulator: Emulator, method?: 'GET') => {
    let app = apps.get(emulator)
    if (!app) apps.set(emulator, (app = createApp(emulator, options)))
    // The request goes on as it came (its body unread), with the server's bindings: a tenant's app
    // reads the body from the Node stream itself, as a single emulator's does.
    const request = method && c.req.method !== method ? new Request(c.req.raw, { method }) : c.req.raw
    return app.fetch(request, c.env)
  }
  const front = hostOf(isolated.front)
  // The tenants this app has served, so that the event streams of one that is evicted or removed
  // end with it: otherwise they stayed open, silent, holding the tenant's whole state, and held up
  // the server's shutdown (helper-41).
  const served = new Map<string, Emulator>()
  // Served through `isolated.serve()`, which keeps the tenant from eviction until its answer is
  // made: a send whose body was still coming in could otherwise land in an evicted tenant.
  const toTenant = (c: Context, name: string) =>
    isolated.serve(name, (emulator) => {
      served.set(name, emulator)
      return forward(c, emulator)
    })
  isolated.subscribe((event) => {
    if (event.type !== 'tenant' || event.action === 'created') return
    const gone = served.get(event.tenant)
    served.delete(event.tenant)
    if (gone) closeEventStreams(gone)
  })

  const app = new Hono()
  app.onError((error, c) => (isControlPath(c.req.path) ? handleControlError(error, c) : handleError(error, c)))
  // The cross-site checks guard the front's own routes too (/_emulator/tenants), before any tenant
  // is named or started (docs/decisions/008); each tenant's app checks again.
  const site = { ...isolated.config.server, boundHost: options.boundHost, checkSite: options.checkSite ?? true }
  app.use('*', guardHost(site))
  app.use('/_emulator', ...guardControl(site))
  app.use('/_emulator/*', ...guardControl(site))

  // Open, as on a single emulator: health, and the console (a tenant's, or how to choose one).
  app.get('/_emulator/health', (c) => forward(c, isolated.front))
  app.get('/_emulator/', (c) => c.redirect(`/_emulator${new URL(c.req.url).search}`, 308))
  app.get('/_emulator', (c) => {
    const name = namedTenant(c)
    if (!name) {
      c.header('content-security-policy', tenantPickerPolicy)
      return c.html(tenantPickerHtml, 400)
    }
    // The page alone starts no tenant: it is open, and a new tenant may evict another (the control
    // token guards that). A tenant not alive yet gets the same page, whose calls then name it.
    const alive = isolated.tenants().some((t) => t.name === name)
    return alive ? toTenant(c, name) : forward(c, isolated.front)
  })

  app.use('/_emulator/*', controlToken(options.controlToken))
  app.get('/_emulator/openapi.json', async (c) => {
    // Asked for as a GET whatever came (a HEAD's answer has no body to read); hono drops the body for a HEAD.
    const single = await forward(c, isolated.front, 'GET')
    return c.json(documentIsolation(await single.json()))
  })
  app.get('/_emulator/tenants', (c) =>
    c.json({
      isolation: isolated.isolation,
      maxTenants: isolated.config.limits.maxTenants,
      evicted: isolated.evicted,
      tenants: isolated.tenants(),
    }),
  )
  app.delete('/_emulator/tenants/:name', (c) => {
    const name = c.req.param('name')
    if (isolated.removeTenant(name)) return c.body(null, 204)
    throw new EmulatorError('not_found', `No tenant "${name}" is alive; GET /_emulator/tenants lists them`)
  })
  // The front's own routes answer other methods as a single emulator's routes do, not by asking
  // which tenant is meant (that was a 400 for a POST of the list).
  for (const [path, allow] of [
    ['/_emulator/tenants', 'GET'],
    ['/_emulator/tenants/:name', 'DELETE'],
  ] as const)
    app.all(path, (c) => {
      c.header('Allow', allow)
      throw new EmulatorError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${allow}`)
    })
  app.all('/_emulator/*', (c) => {
    const name = namedTenant(c)
    if (!name) throw tenantRequired(isolated)
    return toTenant(c, name)
  })

  // The vendor APIs: each route's credentials name its tenant. Every route the single app serves
  // is here, so a channel's API added later is isolated the same way without a change here.
  for (const route of vendorRoutes(isolated.front, front)) {
    app.on(route.method.toUpperCase(), route.fullPath, (c) => {
      const resolved = tenantOfCredentials(c, route.caller, isolated.config, wallClock())
      if ('tenant' in resolved) return toTenant(c, resolved.tenant)
      // No tenant to hand it to: refused here as the route itself refuses (v2's empty 401, SMS v1's
      // 403 7001), and logged by the front.
      const error = route.caller.refusal(resolved.refused)
      const response = errorResponse(c, error)
      front.reportRejection({
        method: c.req.method,
        path: c.req.path,
        status: response.status,
        code: errorCodeOf(error),
        message: error.message,
        detail: error.detail,
      })
      return response
    })
  }
  app.all('*', (c) => forward(c, isolated.front))
  return app
}
