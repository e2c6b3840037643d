/**
 * @module Which URLs the MSW handlers answer: the vendor APIs — `/v2/messages` (and its status
 * GET), the Send SMS API v1 and the sandbox WhatsApp API (`/v1/{sms,whatsapp}/messages`), the
 * Consent API, the Messaging API v1 (`/resources/v1/messaging`) — on every Webex Connect host:
 * `https://api.{ca,eu,uk,us,us1,in,au}.webexconnect.io`, the `https://{region}.webexconnect.io`
 * the v1 pages write, legacy `api[.region].imiconnect.{io,in}`, the sandbox
 * `api-sandbox.imiconnect.io`; and on any base URL the user adds, plus the emulator's own
 * /_emulator routes.
 */

// A trailing slash is claimed too, so the app's 404 says the path without it is served (as the server's does).
const routes = String.raw`(?:\/v2\/messages(?:\/[^/?]+)?\/?|\/v1\/(?:sms|whatsapp)\/messages(?:\/[^/?]+)?\/?|\/v1\/groups\/[^/?]+\/members\/?|\/resources\/v1\/messaging\/?|\/_emulator(?:\/.*)?)(?:\?.*)?$`
const vendorHosts = String.raw`^https?:\/\/(?:[a-z0-9-]+\.){0,2}(?:webexconnect|imiconnect)\.[a-z.]+`

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function vendorUrlPattern(baseUrls: readonly string[] = []): RegExp {
  const hosts = [vendorHosts, ...baseUrls.map((url) => `^${escapeRegex(url.replace(/\/+$/, ''))}`)]
  return new RegExp(`(?:${hosts.join('|')})${routes}`, 'i')
}
