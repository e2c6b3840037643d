/**
 * @module Turns receipts and inbound events into webhook deliveries: one per interested target,
 * each in the target's format, the body serialised once per format.
 */

import { buildDataStreamReceipt } from '../channels/email/payloads/build-datastream-receipt.js'
import { buildWebhookReceipt } from '../channels/email/payloads/build-webhook-receipt.js'
import type { ReceiptFacts } from '../channels/email/payloads/receipt-facts.js'
import type { EmulatorConfig, WebhookFormat } from '../schemas/config.js'
import type { MessageRecord, ReceiptRecord, RecipientRecord } from './message-store.js'
import type { Delivery, Outbox } from './outbox.js'
import {
  type InboundKind,
  type WebhookTarget,
  type WebhookTargets,
  wantsInbound,
  wantsReceipt,
} from './webhook-targets.js'

const json: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' })

/**
 * One frozen header object per target's header set, shared by all its deliveries: a busy emulator
 * holds tens of thousands of deliveries, and a copy each is memory and garbage for nothing.
 */
const sharedHeaders = new WeakMap<Record<string, string>, Readonly<Record<string, string>>>()
function withJson(headers: Record<string, string> | undefined): Readonly<Record<string, string>> {
  if (!headers || Object.keys(headers).length === 0) return json
  let shared = sharedHeaders.get(headers)
  if (!shared) sharedHeaders.set(headers, (shared = Object.freeze({ ...json, ...headers })))
  return shared
}

type DeliveryTarget = Delivery['target']

/** One frozen target descriptor per target id, url and format, shared by all its deliveries. */
function createTargetDescriptors() {
  const descriptors = new Map<string, DeliveryTarget>()
  return (target: WebhookTarget): DeliveryTarget => {
    const key = `${target.id}\n${target.format}\n${target.url}`
    let found = descriptors.get(key)
    if (!found) {
      // Targets are few, but a URL may be changed many times at run time: forget the oldest.
      if (descriptors.size >= 1_000) descriptors.delete(descriptors.keys().next().value!)
      descriptors.set(
        key,
        (found = Object.freeze({ url: target.url, format: target.format, source: 'target', targetId: target.id })),
      )
    }
    return found
  }
}

export interface DispatchOptions {
  outbox: Outbox
  targets: WebhookTargets
  config: EmulatorConfig
  /** Headers for a message's notifyUrl deliveries (from its notifyUrlAuthId). */
  notifyUrlHeaders: (message: MessageRecord) => Record<string, string> | undefined
}

export function createDispatcher({ outbox, targets, config, notifyUrlHeaders }: DispatchOptions) {
  const descriptor = createTargetDescriptors()
  const serviceName = (serviceId: string) => config.services.find((s) => s.id === serviceId)?.name ?? ''

  return {
    receipt(message: MessageRecord, recipient: RecipientRecord, receipt: ReceiptRecord): void {
      const facts: ReceiptFacts = {
        kind: receipt.kind,
        description: receipt.description,
        additionalInfo: receipt.additionalInfo,
        timeStamp: receipt.timeStamp,
        destination: recipient.address,
        transid: message.messageId,
        correlationid: recipient.correlationId,
        callbackData: message.callbackData,
        subtid: '',
        gtrid: message.gtrid,
        serviceId: message.serviceId,
        serviceName: serviceName(message.serviceId),
      }
      const bodies: Partial<Record<WebhookFormat, string>> = {}
      const style = config.receipts.style
      const body = (format: WebhookFormat) =>
        (bodies[format] ??= JSON.stringify(
          format === 'webhook' ? buildWebhookReceipt(facts, style) : buildDataStreamReceipt(facts, style),
        ))
      const common = { transid: message.messageId, destination: recipient.address, event: receipt.code }

      if (message.notifyUrl && wantsReceipt(message.requestedReceipts, receipt.kind)) {
        outbox.enqueue({
          ...common,
          target: { url: message.notifyUrl, format: 'webhook', source: 'notifyUrl' },
          body: body('webhook'),
          headers: withJson(notifyUrlHeaders(message)),
          hubSecret: config.webhooks.hubSecret,
          hubSignature: config.webhooks.hubSignature,
        })
      }
      for (const target of targets.list()) {
        if (!wantsReceipt(target.events, receipt.kind)) continue
        outbox.enqueue({
          ...common,
          target: descriptor(target),
          body: body(target.format),
          headers: withJson(target.headers),
          hubSecret: target.hubSecret,
          hubSignature: target.hubSignature ?? config.webhooks.hubSignature,
          signingSecret: target.signingSecret,
        })
      }
    },

    inbound(
      kind: InboundKind,
      event: string,
      ids: { tid: string; from: string },
      payloads: Record<WebhookFormat, unknown>,
    ): number {
      let count = 0
      for (const target of targets.list()) {
        if (!wantsInbound(target.events, kind)) continue
        outbox.enqueue({
          transid: ids.tid,
          destination: ids.from,
          event,
          target: descriptor(target),
          body: JSON.stringify(payloads[target.format]),
          headers: withJson(target.headers),
          hubSecret: target.hubSecret,
          hubSignature: target.hubSignature ?? config.webhooks.hubSignature,
          signingSecret: target.signingSecret,
        })
        count++
      }
      return count
    },
  }
}
