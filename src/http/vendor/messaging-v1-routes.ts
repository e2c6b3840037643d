/**
 * @module The Messaging API v1 (`POST /resources/v1/messaging`, also with a trailing slash as a
 * public client calls it): the service key in the `key` header (missing: 7002 "Service Key
 * Missing"; wrong: 7001 "Authentication failed."), one core call, and every answer in the v1
 * envelope — 200 `{"response":[{"code":"1001","transid","description":"Queued"}]}`, errors
 * `{"response":{"code","description","transid"}}` with HTTP `messagingV1.errorStatus` (200 by
 * default, as D-MSGV1 and D-MSGV1SMS document them) — 7020 past the rate limit too (429 with
 * `rateLimit.answer: "http-429"`).
 */
import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { v1ErrorSchema, v1QueuedSchema } from '../../core/apis/v1-messaging.js'
import type { EmulatorCore, EngineHost } from '../../core/emulator.js'
import { EmulatorError } from '../../core/kernel/errors.js'
import { applyChaos } from '../apply-chaos.js'
import { authenticateCaller, type CallerCheck } from '../auth.js'
import { errorCodeOf, headerText } from '../error-response.js'
import { meterRequest } from '../meter-request.js'
import { readJsonBody } from '../read-json-body.js'
import { vendorJson, vendorJsonAnswer } from '../vendor-json.js'
import type { VendorRoute } from '../vendor-routes.js'

/** An error in the v1 envelope; errors without a vendor code (413, 415) keep their own answer. */
function v1Error(c: Context, emulator: EmulatorCore, error: unknown): Response {
  if (!(error instanceof EmulatorError)) throw error
  const code = errorCodeOf(error)
  if (!/^\d{4}$/.test(code)) throw error
  if (error.detail) c.header('x-emulator-detail', headerText(error.detail))
  // 7020 keeps the v1 envelope (the API's own error shape); with rateLimit.answer "http-429" it is
  // HTTP 429 with Retry-After, as on the other APIs.
  const status = error.code === 'rate_limited' ? 429 : emulator.config.messagingV1.errorStatus
  return vendorJson(c, { response: { code, description: error.message, transid: randomUUID() } }, status)
}

/**
 * Who calls the Messaging API v1: the `key` header, or `Authorization`; a refusal is 7001 in the v1
 * envelope (isolation reads the tenant the same way).
 */
const messagingV1Caller: CallerCheck = {
  credentials: (c) => ({ key: c.req.header('key'), authorization: c.req.header('authorization') }),
  refusal: (reason) => new EmulatorError('authentication_failed', 'Authentication failed.', undefined, reason),
}

export function messagingV1Routes(
  emulator: EmulatorCore,
  host: EngineHost,
  wallClock: () => number,
  wait: (ms: number) => Promise<void>,
): VendorRoute[] {
  const route = (fullPath: string): VendorRoute => ({
    method: 'post',
    fullPath,
    caller: messagingV1Caller,
    vendor: true,
    tag: 'vendor',
    summary: 'Messaging API v1 (deliverychannel: sms, whatsapp, …): 200 Queued; receipts follow as webhooks',
    responses: {
      200: [
        'Queued (`response` an array), or an error in the v1 envelope (`response` an object) with messagingV1.errorStatus 200',
        v1QueuedSchema,
      ],
      400: ['An error in the v1 envelope, with messagingV1.errorStatus 400', v1ErrorSchema],
      429: ['7020 past the rate limit or quota in the v1 envelope, when rateLimit.answer is "http-429"', v1ErrorSchema],
    },
    async serve(c) {
      const injected = await applyChaos(c, host, wait)
      if (injected) return injected
      try {
        const key = c.req.header('key')
        const authorization = c.req.header('authorization')
        if (!key?.trim() && !authorization?.trim())
          throw new EmulatorError(
            'service_key_missing',
            'Service Key Missing',
            'key',
            'send the service key in a "key" header',
          )
        const auth = authenticateCaller(messagingV1Caller, c, emulator.config, wallClock())
        const limits = meterRequest(c, emulator, host, wallClock())
        const { message, correlationid } = emulator.sendV1(await readJsonBody(c), auth)
        const queued = {
          code: '1001',
          transid: message.messageId,
          description: 'Queued',
          ...(correlationid ? { correlationid } : {}),
        }
        return vendorJsonAnswer({ response: [queued] }, 200, { ...limits })
      } catch (error) {
        return v1Error(c, emulator, error)
      }
    },
  })
  return [route('/resources/v1/messaging'), route('/resources/v1/messaging/')]
}
