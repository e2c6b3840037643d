/**
 * @module Which tenant a request belongs to, with `isolation: "service"`. The vendor APIs say it
 * with their credentials, each read as its route reads them: a JWT's `iss`, or a key — a configured
 * service's key stands for that service's id, any other key for itself. The control API and the console name it with an
 * `x-emulator-tenant` header or `?tenant=` (EventSource and links cannot set headers).
 */
import type { Context } from 'hono'
import { EmulatorError } from '../../core/kernel/errors.js'
import type { EmulatorConfig } from '../../core/schemas/config.js'
import { authenticate, type CallerCheck, type Refused } from '../auth.js'

/** The header that names a tenant on the control API. */
export const tenantHeader = 'x-emulator-tenant'
/** The query parameter that names a tenant where headers cannot be set (the console, EventSource). */
export const tenantQuery = 'tenant'

/** How to name a tenant, said once for every error that needs it. */
export const howToNameATenant = `name the tenant with an "${tenantHeader}" header or ?${tenantQuery}= — the key your app sends (or, for a configured service, its id)`

/** The tenant a control request names, if any; a header and a query that disagree are refused. */
export function namedTenant(c: Context): string | undefined {
  const header = c.req.header(tenantHeader)?.trim() || undefined
  const queries = c.req.queries(tenantQuery) ?? []
  if (queries.length > 1)
    throw new EmulatorError(
      'invalid_request',
      `?${tenantQuery}= is given ${queries.length} times: name one tenant`,
      'tenant',
    )
  const query = queries[0]?.trim() || undefined
  if (header && query && header !== query)
    throw new EmulatorError(
      'invalid_request',
      `The "${tenantHeader}" header names tenant "${header}" and ?${tenantQuery}= names "${query}": name one`,
      'tenant',
    )
  return header ?? query
}

/**
 * The tenant a vendor-API request's credentials name, read as the route reads them (`caller`), or
 * why they name none. A JWT names its service by `iss` (signature and age checked as the route
 * does); a configured service's key stands for that service's id, any other key for itself.
 */
export function tenantOfCredentials(
  c: Context,
  caller: CallerCheck,
  config: EmulatorConfig,
  now: number,
): { tenant: string } | Refused {
  const credentials = caller.credentials(c)
  const auth = authenticate(credentials, config, now)
  if ('refused' in auth) return auth
  // Trimmed as the control API's names are, so "worker-1 " is the tenant "worker-1" there too.
  const tenant = (auth.serviceId ?? credentials.key)?.trim()
  return tenant ? { tenant } : { refused: 'the credentials name no service' }
}
