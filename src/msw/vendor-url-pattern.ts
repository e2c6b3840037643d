/**
 * @module Which URLs the MSW handlers answer: the vendor API on every Webex Connect host
 * (`https://api.{ca,eu,uk,us,us1,in,au}.webexconnect.io`, legacy `api[.region].imiconnect.*`)
 * and on any base URL the user adds, plus the emulator's own /_emulator routes.
 */

const routes = String.raw`(?:\/v2\/messages\/?|\/_emulator(?:\/.*)?)(?:\?.*)?$`
const vendorHosts = String.raw`^https?:\/\/api\.(?:[a-z0-9-]+\.)?(?:webexconnect|imiconnect)\.[a-z.]+`

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function vendorUrlPattern(baseUrls: readonly string[] = []): RegExp {
  const hosts = [vendorHosts, ...baseUrls.map((url) => `^${escapeRegex(url.replace(/\/+$/, ''))}`)]
  return new RegExp(`(?:${hosts.join('|')})${routes}`, 'i')
}
