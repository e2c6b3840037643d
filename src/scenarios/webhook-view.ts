/**
 * @module What a webhook expectation is matched against: a delivery the emulator posted, with
 * short names (status, code, destination, …) read from its payload in either format, and any
 * payload path ("deliveryInfoNotification.deliveryInfo.code", "x-wx-gtrid").
 */
import type { Delivery } from '../core/kernel/outbox.js'
import { type Mismatch, match } from './match.js'
import { type WebhookField, webhookFields } from './schema.js'
import { readPath } from './variables.js'

export interface WebhookView {
  id: string
  fields: Record<WebhookField, unknown>
}

export function webhookView(delivery: Delivery, receiverUrl: string): WebhookView {
  const payload = JSON.parse(delivery.body) as Record<string, unknown>
  const notification = payload.deliveryInfoNotification as Record<string, unknown> | undefined
  const info = notification?.deliveryInfo as Record<string, unknown> | undefined
  const url = delivery.target.url
  return {
    id: delivery.id,
    fields: {
      status: info?.deliveryStatus ?? delivery.event,
      code: info?.code,
      destination: info?.destination ?? delivery.destination,
      description: info?.Description,
      additionalInfo: info?.additionalInfo,
      messageId: notification?.transid ?? delivery.transid,
      transid: notification?.transid ?? delivery.transid,
      correlationId: notification ? notification.correlationid : payload.correlationId,
      callbackData: notification?.callbackData,
      timeStamp: info?.timeStamp ?? payload.ts,
      event: delivery.event,
      url,
      receiver: url.startsWith(`${receiverUrl}/`) ? url.slice(receiverUrl.length + 1).split(/[/?#]/)[0] : undefined,
      format: delivery.target.format,
      state: delivery.state,
      attempts: delivery.attempts.length,
      attemptStatuses: delivery.attempts.map((a) => a.status ?? a.error),
      headers: delivery.headers,
      payload,
    },
  }
}

/** Short names first; any other key is a path into the payload. */
export function matchWebhook(expected: Record<string, unknown>, view: WebhookView): Mismatch[] {
  return Object.entries(expected).flatMap(([key, value]) =>
    Object.hasOwn(webhookFields, key)
      ? match(value, view.fields[key as WebhookField], key)
      : match(value, readPath(view.fields.payload, key), key),
  )
}

/** One line: "7520 Bounce ann+bounce@x.test → …/hooks (webhook, delivered, 1 attempt) Permanent_General". */
export function describeWebhook(view: WebhookView): string {
  const f = view.fields
  const attempts = f.attempts === 1 ? '1 attempt' : `${String(f.attempts)} attempts`
  const what = f.code ? `${String(f.code)} ${String(f.status)}` : String(f.status)
  const description =
    typeof f.description === 'string' && f.description && f.description !== f.status
      ? `  "${f.description.length > 60 ? `${f.description.slice(0, 59)}…` : f.description}"`
      : ''
  return `${what}  ${String(f.destination)} → ${f.receiver ? `receiver ${String(f.receiver)}` : String(f.url)} (${String(f.format)}, ${String(f.state)}, ${attempts})${description}`
}
