/**
 * @module The vendor APIs we copy, each route defined once (served here, documented in the OpenAPI
 * document from the same object): `POST /v2/messages`, the Send Message API v2 for every channel.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { withoutNulls } from '../core/apis/v2-messages.js'
import { gatewayErrorSchema, sendResponseSchema, vendorErrorSchema } from '../core/apis/v2-schemas.js'
import type { EmulatorCore, EngineHost } from '../core/emulator.js'
import { sameAddress } from '../core/kernel/addresses.js'
import { type ConsentMember, consentMemberSchema, groupIdSchema } from '../core/kernel/contact-policy.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { vendorIssue } from '../core/kernel/zod-issues.js'
import { applyChaos } from './apply-chaos.js'
import { authenticateCaller, type CallerCheck, v2Caller } from './auth.js'
import { meterRequest } from './meter-request.js'
import type { DocumentedRoute } from './openapi/build-openapi.js'
import { readJsonBody } from './read-json-body.js'
import { messageRoutes } from './vendor/message-routes.js'
import { messagingV1Routes } from './vendor/messaging-v1-routes.js'
import { whatsappSandboxRoutes } from './vendor/whatsapp-sandbox-routes.js'
import { vendorJsonAnswer } from './vendor-json.js'

export interface VendorRoutesOptions {
  /** Wall time for JWT ages and the per-second rate limit (tests inject their own). */
  wallClock?: () => number
  /** Waits on wall time, for chaos.slowRate answers (tests inject their own). */
  wait?: (ms: number) => Promise<void>
}

const wallWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface VendorRoute extends DocumentedRoute {
  /** How it reads who is calling (and refuses them); an isolated emulator finds the tenant by it. */
  caller: CallerCheck
  serve(c: Context): Promise<Response>
}

export function vendorRoutes(
  emulator: EmulatorCore,
  host: EngineHost,
  { wallClock = Date.now, wait = wallWait }: VendorRoutesOptions = {},
): VendorRoute[] {
  const channels = host.channels.filter((c) => c.definition.v2).map((c) => c.definition.name)
  return [
    {
      method: 'post',
      fullPath: '/v2/messages',
      caller: v2Caller,
      vendor: true,
      tag: 'vendor',
      summary: `Send Message API v2 (channel: ${channels.join(', ')})`,
      body: host.v2Schema,
      responses: {
        201: ['Accepted; receipts follow as webhooks', sendResponseSchema],
        400: [
          "7000 invalid JSON, 7003 missing parameter, 7004 invalid parameter, 7009 too many destinations; 7020 past the rate limit or quota, in the API gateway's envelope",
          z.union([vendorErrorSchema, gatewayErrorSchema]),
        ],
        401: 'Missing or bad credentials (empty body)',
        413: ['Body over limits.maxBodyBytes', vendorErrorSchema],
        415: ['Content-Type is not JSON', vendorErrorSchema],
        429: [
          '7020 past the rate limit or quota, when rateLimit.answer is "http-429" (with Retry-After)',
          vendorErrorSchema,
        ],
      },
      async serve(c) {
        const injected = await applyChaos(c, host, wait)
        if (injected) return injected
        // JWT iat is judged on wall time: clients sign with it, while a sped-up emulated clock runs ahead.
        const auth = authenticateCaller(v2Caller, c, emulator.config, wallClock())
        const limits = meterRequest(c, emulator, host, wallClock())
        const response = emulator.send(await readJsonBody(c), auth)
        return vendorJsonAnswer(response, 201, { ...limits })
      },
    },
    ...messageRoutes(emulator, host, wallClock, wait),
    ...messagingV1Routes(emulator, host, wallClock, wait),
    ...whatsappSandboxRoutes(emulator, host, wallClock, wait),
    ...consentRoutes(emulator),
  ]
}

/**
 * The Consent API's caller: `authorization: Bearer <key>` (a JWT there is read as a JWT); refused
 * with an empty 401.
 */
const consentCaller: CallerCheck = {
  credentials(c) {
    const authorization = c.req.header('authorization')
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
    if (token?.split('.').length === 3) return { key: undefined, authorization }
    return { key: token, authorization: undefined }
  },
  refusal: (reason) => new EmulatorError('unauthorized', '', undefined, reason),
}

/** A consent record as the vendor's Consent API answers it (hmrc/email's `ConsentItem`: all five required). */
const consentItem = z.object({
  channel: z.string(),
  address: z.string(),
  consent: z.boolean(),
  reason: z.string(),
  lastUpdated: z.string(),
})

/**
 * The most members one Consent API page holds. The vendor documents no limit; the one production
 * client known pages by 1,000 (hmrc/email `suppression-list-page-size`) and reads a page shorter
 * than it asked for as the last, so a larger size is refused rather than cut to this one.
 */
const maxPageSize = 1_000

/**
 * A paging query parameter: `fallback` when absent, else a whole number from `min` to `max` written
 * in decimal digits (as Java's `Integer.parseInt` reads it: "1e3", "0x10", "5.0" and " 5" are not
 * numbers there), or a 400 naming it.
 */
function wholeQuery(value: string | undefined, name: string, fallback: number, min: number, max?: number): number {
  if (value === undefined) return fallback
  const number = /^\+?[0-9]+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number) || number < min || (max !== undefined && number > max))
    throw new EmulatorError(
      'invalid_parameter',
      `Invalid parameter - ${name}`,
      name,
      `expected a whole number from ${min}${max === undefined ? '' : ` to ${max}`}, in decimal digits`,
    )
  return number
}

const unknownGroupResponse: [string, typeof vendorErrorSchema] = [
  'With contactPolicy.unknownGroups "reject", a group the emulator was not told about (9005 "Invalid or unknown group ID or channel")',
  vendorErrorSchema,
]

/**
 * The vendor's Consent API (the Contact Policy service), as a production client calls it (hmrc/email
 * ImiConnector): `GET|POST|DELETE /v1/groups/{groupId}/members` with `authorization: Bearer <key>`.
 * It reads and writes the same consent groups the send APIs check.
 */
function consentRoutes(emulator: EmulatorCore): VendorRoute[] {
  // Without isolation any Bearer key is let in, as before; an isolated emulator checks it to find the tenant.
  const bearer = (c: Context) => {
    if (!/^Bearer\s+\S+/i.test(c.req.header('authorization') ?? ''))
      throw consentCaller.refusal('the Consent API takes "authorization: Bearer <key>"')
  }
  const item = (m: ConsentMember) => ({
    channel: m.channel,
    address: m.address,
    consent: m.consent,
    reason: m.reason,
    lastUpdated: new Date(m.lastUpdated).toISOString(),
  })
  // The path's group, on every route: an id no request could name (blank, spaces around it) is
  // 7004 naming groupId — GET answered [] and DELETE 404 for one, POST 7004. With unknownGroups
  // "reject" the emulator's groups are all the tenant has, as the vendor's are created in its
  // Contact Policy app before use: another is its 9005 (a 404, inferred; decision 018).
  const knownGroup = (c: Context): string => {
    const id = c.req.param('groupId')!
    const valid = groupIdSchema.safeParse(id)
    if (!valid.success)
      throw new EmulatorError(
        'invalid_parameter',
        'Invalid parameter - groupId',
        'groupId',
        valid.error.issues[0]!.message,
      )
    if (emulator.contactPolicy.refuses(id))
      throw new EmulatorError(
        'unknown_group',
        'Invalid or unknown group ID or channel',
        'groupId',
        `no consent group "${id}" while contactPolicy.unknownGroups is "reject": add it to contactPolicy.groups, or PUT /_emulator/contact-policy/groups/{id}`,
      )
    return id
  }
  const path = '/v1/groups/:groupId/members'
  return [
    {
      method: 'get',
      fullPath: path,
      caller: consentCaller,
      vendor: true,
      tag: 'vendor',
      summary: "Consent API: a group's members, one address (?address=) or a page (?pageSize=&continuationToken=)",
      query: z.object({
        address: z.string().optional(),
        format: z.string().optional(),
        pageSize: z.string().optional(),
        continuationToken: z.string().optional(),
      }),
      responses: {
        200: ["Members (the next page's token in the X-cp-continue-token header)", z.array(consentItem)],
        400: [
          `A blank address or group id, or a pageSize (1 to ${maxPageSize}) or continuationToken that is not a whole number in range (7004)`,
          vendorErrorSchema,
        ],
        401: 'No Bearer key (empty body)',
        404: unknownGroupResponse,
      },
      async serve(c) {
        bearer(c)
        const groupId = knownGroup(c)
        const group = emulator.contactPolicy.groups().find((g) => g.id === groupId)
        const address = c.req.query('address')
        // A blank one named nobody yet listed the whole group, whose first record a client reading
        // "the" member (hmrc/email takes the head of the list) took for the address it meant.
        if (address?.trim() === '')
          throw new EmulatorError(
            'invalid_parameter',
            'Invalid parameter - address',
            'address',
            'a blank address names nobody: name the member, or leave ?address= out to list the group',
          )
        const members = (group?.members ?? []).filter((m) => address === undefined || sameAddress(m.address, address))
        // Both whole numbers, as this API writes them; anything else is named, not read as a default
        // (nor a page size past the largest cut to it: a client would read the short page as the last).
        const pageSize = wholeQuery(c.req.query('pageSize'), 'pageSize', 100, 1, maxPageSize)
        const start = wholeQuery(c.req.query('continuationToken'), 'continuationToken', 0, 0)
        const page = members.slice(start, start + pageSize)
        if (start + pageSize < members.length) c.header('X-cp-continue-token', String(start + pageSize))
        return c.json(page.map(item))
      },
    },
    {
      method: 'post',
      fullPath: path,
      caller: consentCaller,
      vendor: true,
      tag: 'vendor',
      summary: "Consent API: record a member's consent (204)",
      body: z.object({ channel: z.string(), address: z.string(), consent: z.boolean(), reason: z.string().optional() }),
      responses: {
        204: 'Recorded',
        400: ['Invalid member or group id (7004)', vendorErrorSchema],
        401: 'No Bearer key (empty body)',
        404: unknownGroupResponse,
      },
      async serve(c) {
        bearer(c)
        // Named in the API's own words: the group a new member creates was refused in the control API's.
        const groupId = knownGroup(c)
        let body = await readJsonBody(c)
        let parsed = consentMemberSchema.safeParse(body)
        // A field sent null is one not sent, as on the send APIs (a Java service's reading; decision
        // 011): "reason": null from a client that writes every field was refused with 7004.
        if (!parsed.success) {
          body = withoutNulls(body)
          parsed = consentMemberSchema.safeParse(body)
        }
        if (!parsed.success) throw vendorIssue(body, parsed.error.issues)
        emulator.contactPolicy.setConsent(groupId, parsed.data)
        return c.body(null, 204)
      },
    },
    {
      method: 'delete',
      fullPath: path,
      caller: consentCaller,
      vendor: true,
      tag: 'vendor',
      summary: "Consent API: forget a member's record (?address=)",
      query: z.object({ address: z.string() }),
      responses: {
        200: 'Removed',
        400: ['No ?address= (7003), or a blank address or group id (7004)', vendorErrorSchema],
        404: [
          'No such member (empty body); or, with contactPolicy.unknownGroups "reject", no such group (9005)',
          vendorErrorSchema,
        ],
        401: 'No Bearer key (empty body)',
      },
      async serve(c) {
        bearer(c)
        const groupId = knownGroup(c)
        // Without it nobody is named: an empty 404 read as "already gone" hid the missing parameter.
        const address = c.req.query('address')?.trim()
        const usage = 'name the member to forget: DELETE /v1/groups/{groupId}/members?address=<address>'
        if (address === undefined)
          throw new EmulatorError('missing_parameter', 'Mandatory parameter missing - address', 'address', usage)
        // Given but blank, as GET answers it: a value that names nobody is invalid, not missing.
        if (address === '')
          throw new EmulatorError('invalid_parameter', 'Invalid parameter - address', 'address', usage)
        const removed = emulator.contactPolicy.removeConsent(groupId, address)
        return c.body(null, removed ? 200 : 404)
      },
    },
  ]
}

export function serveVendorRoutes(app: Hono, routes: readonly VendorRoute[]): void {
  for (const route of routes) app.on(route.method.toUpperCase(), route.fullPath, (c) => route.serve(c))
}
