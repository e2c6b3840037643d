/**
 * @module The sandbox WhatsApp API of Cisco's SDKs: `POST /v1/whatsapp/messages` → 202
 * `{acceptedTime, messageId, correlationId}` with a `Request-Id` header, `GET
 * /v1/whatsapp/messages/{id}` → the flat status; auth, `Idempotency-Key` and refusals as the Send
 * SMS API v1's (403 7001, 400 "Invalid parameter -  : <field>", 409 a key reused within the hour).
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { vendorErrorSchema } from '../../core/apis/v2-schemas.js'
import { waSandboxSchema, waSandboxStatus, waSandboxStatusSchema } from '../../core/channels/whatsapp/api-sandbox.js'
import type { WaMessage } from '../../core/channels/whatsapp/record.js'
import type { EmulatorCore, EngineHost } from '../../core/emulator.js'
import { applyChaos } from '../apply-chaos.js'
import { meterRequest } from '../meter-request.js'
import { readJsonBody } from '../read-json-body.js'
import { vendorJson } from '../vendor-json.js'
import type { VendorRoute } from '../vendor-routes.js'
import { authenticateV1, readIdempotencyKey, smsV1Caller } from './message-routes.js'

export function whatsappSandboxRoutes(
  emulator: EmulatorCore,
  host: EngineHost,
  wallClock: () => number,
  wait: (ms: number) => Promise<void>,
): VendorRoute[] {
  if (!host.channels.some((c) => c.definition.name === 'whatsapp')) return []
  return [
    {
      method: 'post',
      fullPath: '/v1/whatsapp/messages',
      caller: smsV1Caller,
      vendor: true,
      tag: 'vendor',
      summary: "Sandbox WhatsApp API (Cisco's SDKs): one message to one number (202); status callbacks to callbackUrl",
      body: waSandboxSchema,
      responses: {
        202: [
          'Accepted (a Request-Id header names the request)',
          z.object({ acceptedTime: z.string(), messageId: z.string(), correlationId: z.string() }),
        ],
        400: ['7000 invalid JSON, "Invalid parameter -  : <field>", 7104 an unknown app id', vendorErrorSchema],
        403: ['7001 "Authentication failed."', vendorErrorSchema],
        409: ['An Idempotency-Key used within the last hour (whatsapp.idempotencyWindow)', vendorErrorSchema],
      },
      async serve(c) {
        c.header('Request-Id', randomUUID())
        const injected = await applyChaos(c, host, wait)
        if (injected) return injected
        const auth = authenticateV1(c, emulator, wallClock())
        const idempotencyKey = readIdempotencyKey(c)
        const limits = meterRequest(c, emulator, host, wallClock())
        const message = emulator.submit('whatsapp', 'whatsapp-v1', await readJsonBody(c), { ...auth, idempotencyKey })
        const body = {
          acceptedTime: message.requestTimestamp,
          messageId: message.messageId,
          correlationId: message.correlationId,
        }
        return vendorJson(c, body, 202, { ...limits })
      },
    },
    {
      method: 'get',
      fullPath: '/v1/whatsapp/messages/:messageId',
      caller: smsV1Caller,
      vendor: true,
      tag: 'vendor',
      summary: 'Sandbox WhatsApp API: the status of one message (QUEUED, SENT, DELIVERED, READ, FAILED)',
      responses: {
        200: ['The message, its content fields flat beside its status', waSandboxStatusSchema],
        403: ['7001 "Authentication failed."', vendorErrorSchema],
        404: 'No such message (empty body)',
      },
      async serve(c) {
        c.header('Request-Id', randomUUID())
        authenticateV1(c, emulator, wallClock())
        const message = emulator.message(c.req.param('messageId')!)
        if (message?.channel !== 'whatsapp') return c.body(null, 404)
        return vendorJson(c, waSandboxStatus(message as WaMessage), 200)
      },
    },
  ]
}
