/**
 * @module The vendor's message APIs besides `POST /v2/messages`: the Send SMS API v1
 * (`POST /v1/sms/messages` → 202, `GET /v1/sms/messages/{id}`), with its own auth answer (403
 * `{"code":"7001","message":"Authentication failed."}`), `Idempotency-Key` and `Request-Id`; and
 * `GET /v2/messages/{id}` (beta at the vendor), with v2's empty 401 and 404.
 */
import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { vendorErrorSchema } from '../../core/apis/v2-schemas.js'
import { v2Status, v2StatusSchema } from '../../core/apis/v2-status.js'
import { smsV1BodySchema, smsV1ResponseSchema, smsV1Status, smsV1StatusSchema } from '../../core/channels/sms/api-v1.js'
import type { SmsMessage } from '../../core/channels/sms/record.js'
import type { EmulatorCore, EngineHost } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import { idempotencyKeyPattern } from '../../core/kernel/idempotency-keys.js'
import { applyChaos } from '../apply-chaos.js'
import { authenticateCaller, type CallerCheck, v2Caller } from '../auth.js'
import { meterRequest } from '../meter-request.js'
import { readJsonBody } from '../read-json-body.js'
import { vendorJson } from '../vendor-json.js'
import type { VendorRoute } from '../vendor-routes.js'

/**
 * The Send SMS API v1 takes the service key as `key`, as `Authorization: <key>` (D-GETSMSV1's
 * example), as `Authorization: Bearer <key>` (Cisco's Java and Node SDKs send the API key so), or a
 * JWT as `Authorization: Bearer <JWT>`; a refusal is 403 7001, not v2's empty 401.
 */
export const smsV1Caller: CallerCheck = {
  credentials(c) {
    const authorization = c.req.header('authorization')?.trim() ?? ''
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
    const jwt = token !== undefined && token.split('.').length === 3
    // "Bearer " with nothing after it (an unset variable) carries no key: it is not the key "Bearer".
    const bare = /^Bearer$/i.test(authorization) ? undefined : authorization || undefined
    const key = c.req.header('key') ?? (jwt ? undefined : (token ?? bare))
    return { key, authorization: jwt ? authorization : undefined }
  },
  refusal: (reason) => new EmulatorError('authentication_failed', 'Authentication failed.', undefined, reason),
}

/** Authenticates a Send SMS API v1 (or WhatsApp sandbox) request, or throws 403 7001. */
export function authenticateV1(c: Context, emulator: EmulatorCore, now: number) {
  return authenticateCaller(smsV1Caller, c, emulator.config, now)
}

/** The request's `Idempotency-Key` header, if any; 400 when it is not the sandbox spec's ≤64 `[\w=-]`. */
export function readIdempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key')
  if (key !== undefined && !idempotencyKeyPattern.test(key))
    throw new EmulatorError(
      'invalid_parameter',
      'Invalid parameter -  : Idempotency-Key',
      'Idempotency-Key',
      'at most 64 characters: letters, digits, "_", "=" and "-"',
    )
  return key
}

export function messageRoutes(
  emulator: EmulatorCore,
  host: EngineHost,
  wallClock: () => number,
  wait: (ms: number) => Promise<void>,
): VendorRoute[] {
  const hasSms = host.channels.some((c) => c.definition.name === 'sms')
  const v1Routes: VendorRoute[] = [
    {
      method: 'post',
      fullPath: '/v1/sms/messages',
      caller: smsV1Caller,
      vendor: true,
      tag: 'vendor',
      summary: 'Send SMS API v1: one SMS to one number (202); receipts go to callbackUrl',
      body: smsV1BodySchema,
      responses: {
        202: ['Accepted (a Request-Id header names the request)', smsV1ResponseSchema],
        400: ['7000 invalid JSON, 7003/7004 "Invalid parameter -  : <field>", 7041 not +E.164', vendorErrorSchema],
        403: ['7001 "Authentication failed."', vendorErrorSchema],
        409: ['An Idempotency-Key used within the last hour (sms.v1.idempotencyWindow)', vendorErrorSchema],
      },
      async serve(c) {
        c.header('Request-Id', randomUUID())
        const injected = await applyChaos(c, host, wait)
        if (injected) return injected
        const auth = authenticateCaller(smsV1Caller, c, emulator.config, wallClock())
        const idempotencyKey = readIdempotencyKey(c)
        const limits = meterRequest(c, emulator, host, wallClock())
        const message = emulator.submit('sms', 'sms-v1', await readJsonBody(c), { ...auth, idempotencyKey })
        return vendorJson(
          c,
          {
            acceptedTime: message.requestTimestamp,
            messageId: message.messageId,
            correlationId: message.correlationId,
          },
          202,
          { ...limits },
        )
      },
    },
    {
      method: 'get',
      fullPath: '/v1/sms/messages/:messageId',
      caller: smsV1Caller,
      vendor: true,
      tag: 'vendor',
      summary: 'Send SMS API v1: the status of one SMS (QUEUED, SENT, DELIVERED, FAILED)',
      responses: {
        200: ['The message and its status', smsV1StatusSchema],
        403: ['7001 "Authentication failed."', vendorErrorSchema],
        404: 'No such message (empty body)',
      },
      async serve(c) {
        c.header('Request-Id', randomUUID())
        authenticateCaller(smsV1Caller, c, emulator.config, wallClock())
        const message = emulator.message(c.req.param('messageId')!)
        if (message?.channel !== 'sms') return c.body(null, 404)
        return vendorJson(c, smsV1Status(message as SmsMessage), 200)
      },
    },
  ]
  return [
    ...(hasSms ? v1Routes : []),
    {
      method: 'get',
      fullPath: '/v2/messages/:messageId',
      caller: v2Caller,
      vendor: true,
      tag: 'vendor',
      summary: 'Retrieve Message API v2 (beta at the vendor): a message and its first destination’s status',
      responses: {
        200: ['The message', v2StatusSchema],
        401: 'Missing or bad credentials (empty body)',
        404: 'No such message (empty body)',
      },
      async serve(c) {
        authenticateCaller(v2Caller, c, emulator.config, wallClock())
        const message = emulator.message(c.req.param('messageId')!)
        if (!message) return c.body(null, 404)
        const channel = host.channels.find((c) => c.definition.name === message.channel)?.definition
        return vendorJson(c, v2Status(message, emulator.config.tenant, channel), 200)
      },
    },
  ]
}
