/**
 * @module Vendor authentication: a `key: <service key>` header, or `Authorization: Bearer <JWT>`
 * (HS256, signed with the base64-decoded service secret, `iss` = service id, `iat` required, valid
 * 60 minutes). When both are sent the JWT wins and the key is ignored, as the vendor documents.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { EmulatorError } from '../core/kernel/errors.js'
import type { EmulatorConfig } from '../core/schemas/config.js'

export interface Credentials {
  key: string | undefined
  authorization: string | undefined
}

export interface Authenticated {
  serviceId: string | undefined
}

/** Vendor: a JWT is accepted for 60 minutes after its `iat`. */
export const jwtLifetimeMs = 60 * 60 * 1000
/** Tolerated clock skew for an `iat` slightly in the future. */
const clockSkewMs = 60 * 1000

const base64url = (text: string) => Buffer.from(text, 'base64url')

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(base64url(segment).toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Why credentials were refused: the 401's body stays empty, as the vendor's; this goes to the log. */
export interface Refused {
  refused: string
}

function verifyJwt(token: string, config: EmulatorConfig, now: number): Authenticated | Refused {
  const [header, payload, signature, ...rest] = token.split('.')
  if (!header || !payload || !signature || rest.length > 0)
    return { refused: 'the Bearer token is not a JWT (three base64url parts)' }
  const head = decodeJson(header)
  const claims = decodeJson(payload)
  if (head?.alg !== 'HS256') return { refused: 'the JWT is not signed with HS256' }
  if (!claims || typeof claims.iss !== 'string' || typeof claims.iat !== 'number')
    return { refused: 'the JWT needs an "iss" (the service id) and a numeric "iat"' }
  const issuedAt = claims.iat * 1000
  if (now - issuedAt > jwtLifetimeMs) return { refused: 'the JWT was issued more than 60 minutes ago' }
  if (issuedAt - now > clockSkewMs) return { refused: 'the JWT was issued in the future ("iat")' }

  // With no services configured, any well-formed, fresh token is accepted (like any key is).
  if (config.services.length === 0 && config.serviceKeys.length === 0) return { serviceId: claims.iss }
  const service = config.services.find((s) => s.id === claims.iss && s.secret)
  if (!service) return { refused: `no configured service "${claims.iss}" has a secret to check the JWT with` }
  const expected = createHmac('sha256', Buffer.from(service.secret!, 'base64')).update(`${header}.${payload}`).digest()
  const actual = base64url(signature)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? { serviceId: service.id }
    : { refused: `the JWT's signature does not match service "${service.id}"'s secret` }
}

function verifyKey(key: string, config: EmulatorConfig): Authenticated | Refused {
  if (config.services.length === 0 && config.serviceKeys.length === 0) return { serviceId: undefined }
  const service = config.services.find((s) => s.key === key)
  if (service) return { serviceId: service.id }
  return config.serviceKeys.includes(key)
    ? { serviceId: undefined }
    : { refused: 'the "key" header is not a configured service key' }
}

/** Who is calling, or why not (a 401). */
export function authenticate(
  { key, authorization }: Credentials,
  config: EmulatorConfig,
  now: number,
): Authenticated | Refused {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1]
  if (bearer) return verifyJwt(bearer, config, now)
  const trimmed = key?.trim()
  return trimmed ? verifyKey(trimmed, config) : { refused: 'no "key" header and no "Authorization: Bearer <JWT>"' }
}

/**
 * How a vendor route reads who is calling: the credentials it checks, and the error it refuses them
 * with (each vendor API answers a refusal its own way). The route authenticates through it, and
 * isolation finds a request's tenant through the same reading (isolation/tenant-of-request.ts).
 */
export interface CallerCheck {
  credentials(c: Context): Credentials
  refusal(reason: string): EmulatorError
}

/** The Send Message API v2: a `key` header or `Authorization: Bearer <JWT>`; refused with an empty 401. */
export const v2Caller: CallerCheck = {
  credentials: (c) => ({ key: c.req.header('key'), authorization: c.req.header('authorization') }),
  refusal: (reason) => new EmulatorError('unauthorized', '', undefined, reason),
}

/** Authenticates the request as `caller` reads it, or throws its refusal. */
export function authenticateCaller(
  caller: CallerCheck,
  c: Context,
  config: EmulatorConfig,
  now: number,
): Authenticated {
  const auth = authenticate(caller.credentials(c), config, now)
  if ('refused' in auth) throw caller.refusal(auth.refused)
  return auth
}
