/**
 * @module The emulator's configuration: one schema for the config file, the CLI and the
 * programmatic API. Every key has a default, so `{}` is a working config.
 */
import { z } from 'zod'
import {
  channelConfigShape,
  channelNames,
  configGroupsOf,
  inboundEventNames,
  type LegacyConfigInput,
  legacyConfigKeys,
  receiptEventNames,
} from '../channels/registry.js'
import { contactPolicyConfigSchema } from '../kernel/contact-policy.js'
import { durationSchema, durationUpTo } from '../kernel/duration.js'
import { webhookFormats } from '../kernel/formats.js'
import { defaultsOf } from '../kernel/hot-schema.js'
import { configListWithin } from '../kernel/list-limits.js'
import { ruleSchema } from '../kernel/rules.js'
import { maxTimerMs } from '../kernel/time-bounds.js'

export { type WebhookFormat, webhookFormats } from '../kernel/formats.js'
export { ruleSchema } from '../kernel/rules.js'

const serviceSchema = z.strictObject({
  /** Service id: the JWT `iss`, and `serviceId` in data-stream receipts. */
  id: z.string().min(1),
  name: z.string().default(''),
  /** Service key accepted in the `key` header. */
  key: z.string().min(1).optional(),
  /** Base64 service secret that signs JWTs (HS256, vendor: "base64-decoded service secret"). */
  secret: z.string().min(1).optional(),
})

/**
 * What a target's `events` may name: any channel's receipt names ("delivered", "bounce", …) and
 * the inbound events ("mo", "unsubscribe", "subscribe", or "inbound" for all of them).
 */
export const targetEventNames = [...receiptEventNames, ...inboundEventNames] as const

/**
 * Headers the HTTP client sets for each POST, framing its body and managing the connection: one set
 * per target would make every delivery to it fail (undici refuses them, or the body's length
 * disagrees), and its receipts would be retried until they are lost.
 */
const connectionHeaders = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])
/** An HTTP header name (a token, RFC 9110), not one of the connection's own. */
const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name')
  .refine((name) => !connectionHeaders.has(name.toLowerCase()), {
    message: 'set by the HTTP client for each POST (the body and the connection), not per target',
  })
/**
 * A header value: no line breaks (they would split the header), no other control characters, and
 * Latin-1 only (header values are bytes: a character past U+00FF cannot be sent).
 */
const headerValue = z
  .string()
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .regex(/^[^\u0000-\u0008\u000a-\u001f\u007f]*$/, 'a header value cannot hold line breaks or control characters')
  .regex(/^[^\u0100-\uffff]*$/, 'a header value is bytes: characters past U+00FF (é is fine, 😀 is not) cannot be sent')
/** Extra headers on each POST to a target. */
export const headersSchema = z.record(headerName, headerValue)

/**
 * Fault injection for a receiver's own tests (opt-in per target): probabilities are 0..1 (or true
 * for always), decided with the emulator's seeded randomness so a failing run can be reproduced.
 */
export const faultsSchema = z.strictObject({
  /** Deliver the same payload twice (the copy is its own delivery, marked `duplicate`). */
  duplicate: z.union([z.boolean(), z.number().min(0).max(1)]).default(0),
  /** Hold a receipt back until the recipient's next one has been sent (e.g. Delivered before Submitted). */
  reorder: z.union([z.boolean(), z.number().min(0).max(1)]).default(0),
  /** Longest a reordered receipt is held when no later one comes. */
  reorderHold: durationSchema.default(5_000),
  /** Extra delay before every attempt, plus up to `jitter` more at random. */
  delay: durationSchema.default(0),
  jitter: durationSchema.default(0),
  /** Do not send the first attempt (recorded as dropped), forcing the retry path. */
  dropFirstAttempt: z.union([z.boolean(), z.number().min(0).max(1)]).default(0),
  /** Send a wrong `x-hub-signature` on this fraction of attempts. */
  badSignature: z.union([z.boolean(), z.number().min(0).max(1)]).default(0),
})
/** A target's `faults` after parsing (defaults filled in). */
export type FaultsConfig = z.infer<typeof faultsSchema>

/** One entry of `webhooks.targets`: where receipts are posted, in which format, for which events. */
/** A Standard Webhooks secret: base64, optionally prefixed `whsec_`. */
export const signingSecretSchema = z
  .string()
  .regex(
    /^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/,
    'expected a base64 secret of at least 12 bytes, optionally prefixed "whsec_"',
  )

/** How `x-hub-signature` is made: the HMAC's hash, and the value's form. */
export const hubSignatureSchema = z.strictObject({
  /** Vendor: "one of SHA256 or SHA 512". */
  algorithm: z.enum(['sha256', 'sha512']).default('sha256'),
  /** "hex": the digest alone (default); "prefixed": `sha256=<hex>` / `sha512=<hex>`. */
  format: z.enum(['hex', 'prefixed']).default('hex'),
})
/** A parsed `hubSignature`. */
export type HubSignatureOptions = z.infer<typeof hubSignatureSchema>

export const webhookTargetSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }),
  format: z.enum(webhookFormats).default('webhook'),
  /** The channels whose receipts and inbound events it gets; every channel when absent. */
  channels: z.array(z.enum(channelNames as [string, ...string[]])).optional(),
  /**
   * Receipts by requestedReceipts name (all receipts when absent), and inbound events
   * ("mo", "unsubscribe", "subscribe", or "inbound" for all of them), which are opt-in.
   */
  events: z.array(z.enum(targetEventNames)).optional(),
  headers: headersSchema.default({}),
  /** When set, each POST carries `x-hub-signature`: an HMAC of the raw body (see `hubSignature`). */
  hubSecret: z.string().min(1).optional(),
  /** This target's signature hash and form; `webhooks.hubSignature` when absent. */
  hubSignature: hubSignatureSchema.optional(),
  /**
   * Not the vendor's: when set, each POST also carries Standard Webhooks headers (`webhook-id`,
   * `webhook-timestamp`, `webhook-signature`), for receivers that verify origin with a library.
   */
  signingSecret: signingSecretSchema.optional(),
  /** Opt-in fault injection for this target (see "Testing your webhook handlers" in the README). */
  faults: faultsSchema.optional(),
})
/** A parsed webhook target. */
export type WebhookTargetConfig = z.infer<typeof webhookTargetSchema>
export type WebhookTargetInput = z.input<typeof webhookTargetSchema>

const webhooksSchema = z.strictObject({
  targets: z.array(webhookTargetSchema).default([]),
  /** Vendor: 10 s per attempt. At most what a host timer can wait (about 24.8 days). */
  timeout: durationUpTo(maxTimerMs, 'about 24.8 days (2147483647 ms), the longest a timer can wait').default(10_000),
  /** Vendor: 3 retries, 60 s apart. */
  retries: z.number().int().min(0).max(20).default(3),
  retryDelay: durationSchema.default(60_000),
  /** Multiplies the delay after each retry; 1 is the vendor's fixed spacing. */
  backoffFactor: z.number().min(1).default(1),
  /** Adds up to this fraction of the delay at random (seeded). */
  jitter: z.number().min(0).max(1).default(0),
  /** Hub secret for deliveries to a request's notifyUrl. */
  hubSecret: z.string().min(1).optional(),
  /** How `x-hub-signature` is made for notifyUrl deliveries and targets that set none: SHA-256, plain hex by default. */
  hubSignature: hubSignatureSchema.default({ algorithm: 'sha256', format: 'hex' }),
  /** Headers added to notifyUrl deliveries for a request's `notifyUrlAuthId`. */
  notifyUrlAuth: z.record(z.string(), headersSchema).default({}),
  /** Attempts in flight at once per target (per notifyUrl); the rest wait their turn, so a slow target stalls only itself. */
  concurrencyPerTarget: z.number().int().min(1).max(1024).default(16),
  /** "per-recipient": a receipt waits until the previous one for that recipient and target has finished. */
  ordering: z.enum(['none', 'per-recipient']).default('none'),
})

/**
 * The tenant's API limits (vendor: one TPS limit shared by the messaging APIs, refused with 7020).
 * Absent limits are advertised in the answer headers with the real API's recorded values (30 per
 * second, 10,000,000 per day) and not enforced.
 */
export const rateLimitSchema = z.strictObject({
  /** Requests per wall-clock second; past it, 7020 "(rate)". */
  perSecond: z.number().int().positive().optional(),
  /** Requests per UTC day on the emulator's clock; past it, 7020 "(quota)". */
  perDay: z.number().int().positive().optional(),
  /**
   * How 7020 is answered: "gateway" (default) is HTTP 400 with the gateway's envelope, as a
   * production client's tests record it (decision 011); "http-429" is HTTP 429 with
   * the flat vendor body and a Retry-After header.
   */
  answer: z.enum(['gateway', 'http-429']).default('gateway'),
})
/** The parsed `rateLimit` section. */
export type RateLimitConfig = z.infer<typeof rateLimitSchema>
/** The `rateLimit` section as written. */
export type RateLimitInput = z.input<typeof rateLimitSchema>

/** API-side chaos on POST /v2/messages, opt-in, seeded. */
export const chaosSchema = z.strictObject({
  /** Fraction of requests answered with a 5xx (`errorStatus`). */
  errorRate: z.number().min(0).max(1).default(0),
  errorStatus: z.number().int().min(500).max(599).default(503),
  /** Fraction of requests answered only after `slowMs`. */
  slowRate: z.number().min(0).max(1).default(0),
  slowMs: durationUpTo(maxTimerMs, 'about 24.8 days (2147483647 ms), the longest a timer can wait').default(3_000),
})
/** The parsed `chaos` section: API-side faults on POST /v2/messages. */
export type ChaosConfig = z.infer<typeof chaosSchema>

/** A web origin as browsers send it: scheme, host and port (`http://localhost:3000`), or "*". */
const originSchema = z.string().transform((value, ctx) => {
  if (value === '*') return value
  try {
    const url = new URL(value)
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password
    if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) return url.origin
  } catch {
    // not a URL: refused below
  }
  ctx.addIssue({
    code: 'custom',
    message: `"${value}" is not an origin: write scheme, host and port, e.g. "http://localhost:3000"`,
  })
  return z.NEVER
})

/**
 * Who may talk to the emulator over HTTP (DESIGN: a token-less emulator must not be reconfigurable
 * by any web page the developer happens to open).
 */
const serverSchema = z.strictObject({
  /**
   * Host names (besides localhost, *.localhost, IP addresses and the name it was started with)
   * that requests may name in their `Host` header, e.g. "emulator" for a docker-compose service;
   * "*" for any. Guards every route, against DNS rebinding.
   */
  allowedHosts: z
    .array(
      z
        .string()
        .min(1)
        .transform((h) => h.toLowerCase()),
    )
    .default([]),
  /**
   * Web origins (besides the emulator's own) whose pages may call the control API from a browser,
   * e.g. "http://localhost:3000"; "*" for any. They get CORS answers.
   */
  allowedOrigins: z.array(originSchema).default([]),
})
/** The parsed `server` section. */
export type ServerConfig = z.infer<typeof serverSchema>

const limitsDefaults = {
  maxMessages: 10_000,
  maxDeliveries: 20_000,
  maxDeliveryBodyChars: 256_000_000,
  maxBodyBytes: 12 * 1024 * 1024,
  maxReceiptsPerRecipient: 100,
  maxAttemptsPerDelivery: 100,
  maxInbound: 10_000,
  maxTenants: 32,
  maxRules: 1_000,
  maxTargets: 100,
  maxConsentGroups: 1_000,
  maxConsentMembers: 100_000,
}

/** The shared config keys; each channel adds its slice under its name. */
const sharedShape = {
  $schema: z.string().optional(),
  /** IANA zone the tenant renders timestamps in. */
  timeZone: z.string().default('UTC'),
  /** Seeds ids and randomness; random per run when absent. */
  seed: z.number().int().optional(),
  /** Real-time speed factor: 10 plays a 1.5 s delivery in 150 ms. At most a million (a day of wall time is then 2,700 years). */
  speed: z
    .number()
    .positive()
    .max(1_000_000, 'at most 1000000: faster, the clock would leave the years a timestamp can show within days')
    .default(1),
  serviceKeys: z.array(z.string().min(1)).default([]),
  services: z.array(serviceSchema).default([]),
  /**
   * "service": each service (a configured service, by its key or a JWT's `iss`; any other key by
   * itself) is its own tenant with its own messages, deliveries, lists, rules, consent, targets and
   * clock, for test workers sharing one server; the control API and console then name a tenant
   * (`x-emulator-tenant` header or `?tenant=`). "none" (default): one emulator for every caller.
   */
  isolation: z.enum(['none', 'service']).default('none'),
  /** Outcome rules for every channel, first match wins (see "Outcomes" in the README). */
  rules: z.array(ruleSchema).default([]),
  /** Identity the platform stamps on inbound events (defaults copied from the vendor's examples). */
  tenant: z
    .strictObject({
      appId: z.string().default('a_638651912299190000'),
      tenantId: z.number().int().default(8129),
      clientUUID: z.string().default('0d41b41a-a8e8-425f-a9fb-24ce5334e18f'),
    })
    .default({ appId: 'a_638651912299190000', tenantId: 8129, clientUUID: '0d41b41a-a8e8-425f-a9fb-24ce5334e18f' }),
  /**
   * Receipt payloads: "full" (default) carries every key of the vendor's field table on every
   * receipt, as real receivers require; "as-documented" copies each vendor example's key set.
   */
  receipts: z.strictObject({ style: z.enum(['full', 'as-documented']).default('full') }).default({ style: 'full' }),
  webhooks: webhooksSchema.default(defaultsOf(webhooksSchema)),
  /** Which Host names and web origins the HTTP server answers (see "Cross-site requests" in the README). */
  server: serverSchema.default({ allowedHosts: [], allowedOrigins: [] }),
  limits: z
    .strictObject({
      /** Oldest messages are forgotten past this many. */
      maxMessages: z.number().int().positive().default(10_000),
      /** Oldest finished webhook deliveries are forgotten past this many. */
      maxDeliveries: z.number().int().positive().default(20_000),
      /**
       * Characters of request body the remembered deliveries hold together (for replay and the
       * console); past it the oldest finished ones are forgotten, as past `maxDeliveries`. An inbound
       * message's webhook can carry the whole of it, so a few large ones would otherwise hold gigabytes.
       */
      maxDeliveryBodyChars: z.number().int().positive().default(256_000_000),
      /** Request bodies above this are refused with 413 (the vendor's largest message is 10 MB). */
      maxBodyBytes: z
        .number()
        .int()
        .positive()
        .default(12 * 1024 * 1024),
      /** Oldest receipts of one recipient are forgotten past this many (manual actions can add many). */
      maxReceiptsPerRecipient: z.number().int().positive().default(100),
      /** Oldest attempts of one delivery are forgotten past this many (replays can add many). */
      maxAttemptsPerDelivery: z.number().int().positive().default(100),
      /** Oldest injected inbound events are forgotten past this many. */
      maxInbound: z.number().int().positive().default(10_000),
      /**
       * With `isolation: "service"`: tenants alive at once; past it the least recently used one is
       * closed and forgotten. Every other limit here holds per tenant.
       */
      maxTenants: z.number().int().positive().max(10_000).default(32),
      /** Outcome rules (config and run time together); one more is refused with 409. */
      maxRules: z.number().int().positive().default(1_000),
      /** Webhook targets (config and run time together); one more is refused with 409. */
      maxTargets: z.number().int().positive().default(100),
      /** Contact-policy consent groups; a new one past it is refused with 409. */
      maxConsentGroups: z.number().int().positive().default(1_000),
      /** Consent members in all groups together; a new one past it is refused with 409. */
      maxConsentMembers: z.number().int().positive().default(100_000),
    })
    .default(limitsDefaults),
  rateLimit: rateLimitSchema.default({ answer: 'gateway' }),
  /** The Messaging API v1 (`POST /resources/v1/messaging`). */
  messagingV1: z
    .strictObject({
      /**
       * The HTTP status of its error answers (`{"response":{"code":"7001",…}}`): 200 as the API's own
       * pages document them (D-MSGV1, D-MSGV1SMS) and a public client expects (7xxx on a 2xx), or
       * 400 as one channel's page lists its 7001. docs/decisions/012-messaging-api-v1.md.
       */
      errorStatus: z.union([z.literal(200), z.literal(400)]).default(200),
    })
    .default({ errorStatus: 200 }),
  /** Consent groups and frequency caps, checked when a request carries `contactPolicy`. */
  contactPolicy: contactPolicyConfigSchema.default(defaultsOf(contactPolicyConfigSchema)),
  chaos: chaosSchema.optional(),
  /** Persist lists, rules and recent messages here (the CLI's --state-file). */
  stateFile: z.string().min(1).optional(),
}

const strictConfigSchema = z.strictObject({ ...sharedShape, ...channelConfigShape() }).superRefine((config, ctx) => {
  const { limits, rules, webhooks, contactPolicy } = config
  // The lists a config fills are capped like the ones filled at run time (issue 19).
  configListWithin(ctx, ['rules'], { count: rules.length, what: 'rules' }, limits.maxRules, 'limits.maxRules')
  configListWithin(
    ctx,
    ['webhooks', 'targets'],
    { count: webhooks.targets.length, what: 'targets' },
    limits.maxTargets,
    'limits.maxTargets',
  )
  const groups = contactPolicy.groups
  configListWithin(
    ctx,
    ['contactPolicy', 'groups'],
    { count: groups.length, what: 'groups' },
    limits.maxConsentGroups,
    'limits.maxConsentGroups',
  )
  configListWithin(
    ctx,
    ['contactPolicy', 'groups'],
    { count: groups.reduce((n, g) => n + g.members.length, 0), what: 'members in all groups' },
    limits.maxConsentMembers,
    'limits.maxConsentMembers',
  )
  // With unknownGroups "reject" a group a channel's slice names (an SMS keyword's) must be one of
  // these: recording in it would be refused (docs/decisions/018-unknown-consent-groups.md).
  if (contactPolicy.unknownGroups === 'reject') {
    const ids = new Set(groups.map((g) => g.id))
    for (const { path, group, what } of configGroupsOf(config))
      if (!ids.has(group))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${what} records consent in group "${group}", which contactPolicy.groups does not define; with contactPolicy.unknownGroups "reject" a member is recorded only in a group the emulator knows: add the group there`,
        })
  }
})

/**
 * Channel settings lived at the top of the config before channels had slices (the first channel's
 * `sandbox`, `delays`, …): each channel names its old keys (`legacyConfigKeys`) and they are read as its
 * slice's, so existing files keep working. A key set in both places is left at the top, where the
 * strict schema refuses it (parseConfig names both places).
 */
function readLegacyKeys(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input
  const legacy = Object.keys(input).filter((key) => legacyConfigKeys.has(key))
  if (legacy.length === 0) return input
  const config: Record<string, unknown> = { ...(input as Record<string, unknown>) }
  for (const key of legacy) {
    const channel = legacyConfigKeys.get(key)!
    const current = config[channel] ?? {}
    // A slice that is not an object is the schema's to refuse; the old key stays where it is.
    if (typeof current !== 'object' || current === null || Array.isArray(current)) continue
    const slice: Record<string, unknown> = { ...current }
    if (key in slice) continue
    slice[key] = config[key]
    delete config[key]
    config[channel] = slice
  }
  return config
}

/**
 * The emulator config, as in a config file: validates it (unknown keys are refused, at every
 * depth) and fills in defaults, turning durations such as "7d" into milliseconds. Shared keys sit at
 * the top; each channel's settings in its own slice, under its name (docs/configuration.md).
 * Parse a file yourself with it to fail early with the field's path, or to see the defaults.
 * @example
 * import { configSchema } from 'webex-connect-emulator'
 *
 * const config = configSchema.parse({ webhooks: { retries: 1 }, limits: { maxMessages: 1000 } })
 * config.webhooks.retries // 1
 * config.timeZone         // 'UTC'
 */
export const configSchema = z.preprocess(readLegacyKeys, strictConfigSchema)

/** The config file's shape for editors and docs (no legacy keys). */
export const configFileSchema = strictConfigSchema

/** A parsed config: every default filled in, durations in milliseconds. */
export type EmulatorConfig = z.output<typeof strictConfigSchema>
/** What you write: every key optional, durations as numbers or "2s"-style strings. */
export type EmulatorConfigInput = z.input<typeof strictConfigSchema> & LegacyConfigInput
