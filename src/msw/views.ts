/**
 * @module Typed, flat views of what the emulator did, for assertions in tests.
 */

import type { DeliveryStatus } from '../core/channels/email/receipt-kinds.js'
import type { DataStreamReceipt, WebhookReceipt } from '../core/channels/email/schemas/delivery-receipt.js'
import type { Emulator } from '../core/emulator.js'
import type { Attempt, DeliveryState } from '../core/kernel/outbox.js'
import type { WebhookFormat } from '../core/schemas/config.js'

/** A receipt, flattened for assertions: what `mock.receipts()` and `waitForStatus()` return. */
export interface ReceiptView {
  messageId: string
  destination: string
  status: DeliveryStatus
  code: string
  description: string
  additionalInfo: string
  timeStamp: string
  at: number
}

/** A webhook delivery, flattened for assertions: what `mock.webhooks()` and `waitForWebhook()` return. */
export interface WebhookView {
  id: string
  url: string
  format: WebhookFormat
  /** The receipt code ("7500") or inbound event name. */
  event: string
  destination: string
  payload: WebhookReceipt | DataStreamReceipt
  state: DeliveryState
  attempts: Attempt[]
}

export function receiptViews(emulator: Emulator): ReceiptView[] {
  return emulator
    .messages()
    .flatMap((message) =>
      message.recipients.flatMap((recipient) =>
        recipient.receipts.map((r) => ({
          messageId: message.messageId,
          destination: recipient.address,
          status: r.status,
          code: r.code,
          description: r.description,
          additionalInfo: r.additionalInfo,
          timeStamp: r.timeStamp,
          at: r.at,
        })),
      ),
    )
    .sort((a, b) => a.at - b.at)
}

export function webhookViews(emulator: Emulator): WebhookView[] {
  return emulator.deliveries().map((d) => ({
    id: d.id,
    url: d.target.url,
    format: d.target.format,
    event: d.event,
    destination: d.destination,
    payload: JSON.parse(d.body) as WebhookReceipt | DataStreamReceipt,
    state: d.state,
    attempts: d.attempts,
  }))
}

export function describeReceipts(receipts: readonly ReceiptView[]): string {
  return receipts.length === 0
    ? '  (none)'
    : receipts
        .map((r) => `  ${r.timeStamp}  ${r.code} ${r.status.padEnd(12)} ${r.destination}  ${r.description}`)
        .join('\n')
}

export function describeWebhooks(webhooks: readonly WebhookView[]): string {
  return webhooks.length === 0
    ? '  (none)'
    : webhooks
        .map(
          (w) =>
            `  ${w.event} ${w.destination} → ${w.url} (${w.state}, ${w.attempts.length} attempt${w.attempts.length === 1 ? '' : 's'})`,
        )
        .join('\n')
}
