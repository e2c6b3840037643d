/**
 * @module One flat reading of what the emulator posted, for assertions — the MSW handle's
 * `webhooks()` and `waitForWebhook()`, and scenario expectations read deliveries through it. Every
 * channel's receipts share the vendor's envelope (`deliveryInfoNotification.deliveryInfo`), so
 * status, code and destination are read there; inbound events carry theirs at the top.
 */

import type { WebhookFormat } from '../core/kernel/formats.js'
import type { Attempt, Delivery, DeliveryState } from '../core/kernel/outbox.js'

/** A webhook delivery, flattened for assertions; `P` types its payload. */
export interface DeliveryView<P = Record<string, unknown>> {
  id: string
  url: string
  format: WebhookFormat
  /** What it carries: a receipt code ("7500") or an inbound event name ("MO"). */
  event: string
  /** `deliveryStatus` of a receipt ("Delivered", …), or the inbound event ("MO", "Unsubscribe", …). */
  status: string
  /** The receipt code, a string ("7500"); undefined for inbound events. */
  code: string | undefined
  /** The recipient of a receipt; the sender of an inbound event. */
  destination: string
  description: string | undefined
  additionalInfo: string | undefined
  /** The send's messageId (the payload's `transid`), or the inbound event's `tid`. */
  messageId: string
  correlationId: string | undefined
  callbackData: string | undefined
  timeStamp: string | undefined
  state: DeliveryState
  attempts: Attempt[]
  headers: Record<string, string>
  /** The whole posted JSON body. */
  payload: P
}

type Envelope = { deliveryInfoNotification?: Record<string, unknown> } & Record<string, unknown>

export function deliveryView(delivery: Delivery): DeliveryView {
  const payload = JSON.parse(delivery.body) as Envelope
  const notification = payload.deliveryInfoNotification
  const info = notification?.deliveryInfo as Record<string, unknown> | undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return {
    id: delivery.id,
    url: delivery.target.url,
    format: delivery.target.format,
    event: delivery.event,
    status: text(info?.deliveryStatus) ?? delivery.event,
    code: text(info?.code),
    destination: text(info?.destination) ?? delivery.destination,
    description: text(info?.Description),
    additionalInfo: text(info?.additionalInfo),
    messageId: text(notification?.transid) ?? delivery.transid,
    correlationId: notification ? text(notification.correlationid) : text(payload.correlationId),
    callbackData: text(notification?.callbackData),
    timeStamp: text(info?.timeStamp) ?? text(payload.ts),
    state: delivery.state,
    attempts: delivery.attempts,
    headers: delivery.headers,
    payload,
  }
}

/** One line per delivery, for failure messages. */
export function describeDeliveries(views: readonly DeliveryView[]): string {
  return views.length === 0
    ? '  (none)'
    : views
        .map(
          (w) =>
            `  ${w.event} ${w.destination} → ${w.url} (${w.state}, ${w.attempts.length} attempt${w.attempts.length === 1 ? '' : 's'})`,
        )
        .join('\n')
}
