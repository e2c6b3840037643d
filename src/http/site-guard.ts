/**
 * @module Keeps other web sites out. A token-less emulator (the default) listens on the developer's
 * machine, where any page they open can send it requests; three checks stop such a page from
 * reconfiguring it (docs/decisions/008):
 *
 * - **Host**: every route answers only requests that name this emulator — localhost, `*.localhost`,
 *   an IP address, the name it was started with, or one in `server.allowedHosts` — so a DNS-rebound
 *   name (`evil.example` pointed at 127.0.0.1) gets 403. IP addresses pass: rebinding needs a name.
 * - **Origin**: the control API and console refuse a request whose `Origin` is another site's
 *   (unless in `server.allowedOrigins`, which also get CORS answers). Browsers send `Origin` on
 *   every cross-origin request that can change something; the console, on the same origin, passes.
 * - **Content-Type**: control-API writes (POST, PUT, PATCH) must say `application/json`, even
 *   without a body. A page can send that type to another origin only after a CORS preflight, which
 *   is never granted to a foreign origin; a "simple" request (no type, `text/plain`, a form) is refused.
 * - **Framing**: the console may be framed only by itself and `server.allowedOrigins`
 *   (`frame-ancestors`). A navigation sends no `Origin`, so without it any page could show the
 *   console in a frame and trick a click onto Reset (clickjacking); its own buttons pass every check.
 *
 * The vendor API checks Host only: its requests need a `key` or `Authorization` header, which no page
 * can send to another origin without a preflight, and real clients (servers) send no `Origin`.
 * In-process (MSW) none of this applies but the content type: no page can reach the app there.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { EmulatorError } from '../core/kernel/errors.js'
import type { ServerConfig } from '../core/schemas/config.js'

export interface SiteGuardOptions extends ServerConfig {
  /** The address the server listens on; a name there (not 0.0.0.0 or ::) is allowed in Host. */
  boundHost?: string | undefined
  /** False in-process (MSW): Host and Origin are not checked. */
  checkSite: boolean
}

const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/** The host name of a Host header, lower case, without its port ("[::1]:4600" → "[::1]"). */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase()
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1)
  const colon = lower.lastIndexOf(':')
  return colon === -1 ? lower : lower.slice(0, colon)
}

function hostAllowed(name: string, { allowedHosts, boundHost }: SiteGuardOptions): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (ipv4.test(name) || (name.startsWith('[') && name.endsWith(']'))) return true
  if (boundHost && hostName(boundHost.includes(':') ? `[${boundHost}]` : boundHost) === name) return true
  return allowedHosts.includes('*') || allowedHosts.includes(name)
}

/** The request's own origin, as a browser on it would send it: this Host, or the URL's host in-process. */
const ownHost = (c: Context) => (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()

function originAllowed(origin: string, c: Context, { allowedOrigins }: SiteGuardOptions): boolean {
  if (allowedOrigins.includes('*') || allowedOrigins.includes(origin.toLowerCase())) return true
  try {
    return new URL(origin).host.toLowerCase() === ownHost(c)
  } catch {
    return false // "null" (sandboxed frames, file: pages) and anything unreadable is another site
  }
}

/** Every route: the Host header must name this emulator. */
export function guardHost(options: SiteGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host')
    // No Host header: an in-process request (app.request(), MSW), which no web page can make.
    if (options.checkSite && host !== undefined && !hostAllowed(hostName(host), options)) {
      const name = hostName(host)
      throw new EmulatorError(
        'host_not_allowed',
        `Host "${name}" is not allowed: this emulator answers localhost, IP addresses and the name it was started with; add "${name}" to server.allowedHosts in the config to allow it`,
      )
    }
    await next()
  }
}

const writes = new Set(['POST', 'PUT', 'PATCH'])

/** Which pages may frame the control API's answers (the console): its own, and the allowed origins. */
function frameAncestors({ allowedOrigins }: SiteGuardOptions): string {
  return allowedOrigins.includes('*') ? '*' : ["'self'", ...allowedOrigins].join(' ')
}

/** The control API and console: no other site's pages (nor frames), and JSON writes only. */
export function guardControl(options: SiteGuardOptions): MiddlewareHandler[] {
  // Set on every answer, refusals included: the 403 of a foreign Origin is a page too.
  const refuseFraming: MiddlewareHandler = async (c, next) => {
    await next()
    if (!options.checkSite) return
    // The console page has a policy of its own (what it may run): framing joins it, once (this
    // runs for both "/_emulator" and "/_emulator/*", which "/_emulator" matches as well).
    const policy = c.res.headers.get('content-security-policy') ?? ''
    if (!policy.includes('frame-ancestors')) {
      const framing = `frame-ancestors ${frameAncestors(options)}`
      c.res.headers.set('content-security-policy', policy ? `${policy}; ${framing}` : framing)
    }
    c.res.headers.set('x-content-type-options', 'nosniff')
  }
  const checkOrigin: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin')
    if (options.checkSite && origin !== undefined && !originAllowed(origin, c, options)) {
      throw new EmulatorError(
        'origin_not_allowed',
        `Requests from ${origin} are not allowed: the control API answers only its own console and non-browser clients; add "${origin}" to server.allowedOrigins in the config to let pages there call it`,
      )
    }
    await next()
  }
  const requireJson: MiddlewareHandler = async (c, next) => {
    const type = c.req.header('content-type')
    if (writes.has(c.req.method) && (!type || !/^application\/([\w.+-]*\+)?json\b/i.test(type))) {
      throw new EmulatorError(
        'unsupported_media_type',
        `${type ? `Content-Type "${type}"` : 'No Content-Type'}: control-API writes (POST, PUT, PATCH) must send "Content-Type: application/json", even without a body, so that no web page can make them without the browser asking first`,
      )
    }
    await next()
  }
  // Allowed foreign origins get CORS answers (and preflights), so their pages can read and write.
  const allowed = options.allowedOrigins
  const corsFor =
    options.checkSite && allowed.length > 0
      ? [
          cors({
            origin: (origin, c) => (origin && originAllowed(origin, c, options) ? origin : null),
            allowHeaders: ['content-type', 'authorization', 'x-emulator-token'],
            allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
          }),
        ]
      : []
  return [refuseFraming, checkOrigin, ...corsFor, requireJson]
}
