/**
 * @module Which URLs the MSW handlers answer: the vendor APIs — `/v2/messages` (and its status
 * GET), the Send SMS API v1 and the sandbox WhatsApp API (`/v1/{sms,whatsapp}/messages`), the
 * Consent API, the Messaging API v1 (`/resources/v1/messaging`) — on every Webex Connect host:
 * `https://api.{ca,eu,uk,us,us1,in,au}.webexconnect.io`, the `https://{region}.webexconnect.io`
 * the v1 pages write, legacy `api[.region].imiconnect.{io,in}`, the sandbox
 * `api-sandbox.imiconnect.io`; and on any base URL the user adds, plus the emulator's own
 * /_emulator routes.
 */
import { EmulatorError } from '../core/kernel/errors.js'

// A trailing slash is claimed too, so the app's 404 says the path without it is served (as the server's does).
const routes = String.raw`(?:\/v2\/messages(?:\/[^/?]+)?\/?|\/v1\/(?:sms|whatsapp)\/messages(?:\/[^/?]+)?\/?|\/v1\/groups\/[^/?]+\/members\/?|\/resources\/v1\/messaging\/?|\/_emulator(?:\/.*)?)(?:\?.*)?$`
const vendorHosts = String.raw`^https?:\/\/(?:[a-z0-9-]+\.){0,2}(?:webexconnect|imiconnect)\.[a-z.]+`

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A base URL as requests show it (`new URL()`'s origin: "https://x.test:443" is "https://x.test"), or
 * a refusal naming it: one with no http(s) scheme, a query or a path would never match a vendor route.
 */
function baseOrigin(baseUrl: string, index: number): string {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined
  if (url && /^https?:$/.test(url.protocol) && url.pathname.replace(/\/+$/, '') === '' && !url.search && !url.hash)
    return url.origin
  throw new EmulatorError(
    'invalid_config',
    `baseUrls[${index}] "${baseUrl}" is not a base URL the handlers can answer on: give an http(s) origin, such as "http://localhost:4600" (the vendor routes are served at its root, as the server serves them)`,
    `baseUrls[${index}]`,
  )
}

export function vendorUrlPattern(baseUrls: readonly string[] = []): RegExp {
  const hosts = [vendorHosts, ...baseUrls.map((url, index) => `^${escapeRegex(baseOrigin(url, index))}`)]
  return new RegExp(`(?:${hosts.join('|')})${routes}`, 'i')
}
