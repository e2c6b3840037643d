/**
 * @module Turns receipts and inbound events into webhook deliveries: one per interested target
 * (by channel and event), each in the target's format, the body built by the message's channel and
 * serialised once per format.
 */
import type { AnyChannel } from '../channels/channel.js'
import type { EmulatorConfig } from '../schemas/config.js'
import type { WebhookFormat } from './formats.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from './message-store.js'
import type { Delivery, Outbox } from './outbox.js'
import { type WebhookTarget, type WebhookTargets, wantsChannel, wantsInbound, wantsReceipt } from './webhook-targets.js'

const json: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' })

/**
 * One frozen header object per target's header set, shared by all its deliveries: a busy emulator
 * holds tens of thousands of deliveries, and a copy each is memory and garbage for nothing.
 */
const sharedHeaders = new WeakMap<Record<string, string>, Readonly<Record<string, string>>>()
function withJson(headers: Record<string, string> | undefined): Readonly<Record<string, string>> {
  if (!headers) return json
  let shared = sharedHeaders.get(headers)
  // An empty set (the config's default) is looked up like any other: counting its keys made an array per receipt.
  if (!shared)
    sharedHeaders.set(
      headers,
      (shared = Object.keys(headers).length === 0 ? json : Object.freeze({ ...json, ...lowerCased(headers) })),
    )
  return shared
}

/**
 * Header names in lower case, as they go out (webhooks/webhook-headers.ts): a target's
 * "Content-Type" replaces the default rather than sitting beside it in the delivery's record.
 */
export function lowerCased(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {}
  for (const name in headers) lower[name.toLowerCase()] = headers[name]!
  return lower
}

type DeliveryTarget = Delivery['target']

/**
 * One frozen target descriptor per target as it stands (its id, url and format), shared by all its
 * deliveries, and made again once the target is changed. Looked up by the target itself: a key
 * string built for each receipt was garbage, and V8 flattened it again to hash it.
 */
function createTargetDescriptors() {
  const descriptors = new WeakMap<WebhookTarget, DeliveryTarget>()
  return (target: WebhookTarget): DeliveryTarget => {
    let found = descriptors.get(target)
    if (
      found === undefined ||
      found.url !== target.url ||
      found.format !== target.format ||
      found.targetId !== target.id
    ) {
      found = Object.freeze({ url: target.url, format: target.format, source: 'target', targetId: target.id })
      descriptors.set(target, found)
    }
    return found
  }
}

export interface DispatchOptions {
  outbox: Outbox
  targets: WebhookTargets
  config: EmulatorConfig
  channelOf(name: string): { definition: AnyChannel; state: unknown }
  /** Headers for a message's notifyUrl deliveries (from its notifyUrlAuthId). */
  notifyUrlHeaders: (message: BaseMessage) => Record<string, string> | undefined
}

/** An inbound event to post: which channel, under which target event name, and its payloads. */
export interface InboundDispatch {
  channel: string
  /** The target `events` name it is delivered under ("mo", "unsubscribe", …). */
  targetEvent: string
  /** The delivery's `event` (e.g. "MO"). */
  event: string
  tid: string
  from: string
  payloads: Record<WebhookFormat, unknown>
}

export function createDispatcher({ outbox, targets, config, channelOf, notifyUrlHeaders }: DispatchOptions) {
  const descriptor = createTargetDescriptors()
  // A loop, not find(): asked for every receipt, and a callback is a closure each time.
  const serviceName = (serviceId: string) => {
    for (const service of config.services) if (service.id === serviceId) return service.name
    return ''
  }

  return {
    receipt(message: BaseMessage, recipient: BaseRecipient, receipt: ReceiptRecord): void {
      const { definition: channel, state } = channelOf(message.channel)
      const spec = channel.receipts[receipt.kind]!
      const context = {
        message,
        recipient,
        receipt,
        serviceName: serviceName(message.serviceId),
        style: config.receipts.style,
        state,
      }
      const bodies: Partial<Record<WebhookFormat, string>> = {}
      const body = (format: WebhookFormat) => (bodies[format] ??= JSON.stringify(channel.buildReceipt(format, context)))

      const callback = message.notifyUrl ? channel.notifyUrlReceipt?.(context) : undefined
      if (message.notifyUrl && callback !== null && wantsReceipt(message.requestedReceipts, spec)) {
        outbox.enqueue({
          transid: message.messageId,
          channel: message.channel,
          destination: recipient.address,
          event: receipt.code,
          target: { url: message.notifyUrl, format: 'webhook', source: 'notifyUrl' },
          body: callback === undefined ? body('webhook') : JSON.stringify(callback),
          headers: withJson(notifyUrlHeaders(message)),
          hubSecret: config.webhooks.hubSecret,
          hubSignature: config.webhooks.hubSignature,
        })
      }
      // Fields written out rather than spread from a shared object: spreading cost a tenth of an
      // in-process send (bench/PROFILE.md); the key order is the same.
      for (const target of targets.current()) {
        if (!wantsChannel(target.channels, message.channel) || !wantsReceipt(target.events, spec)) continue
        outbox.enqueue({
          transid: message.messageId,
          channel: message.channel,
          destination: recipient.address,
          event: receipt.code,
          target: descriptor(target),
          body: body(target.format),
          headers: withJson(target.headers),
          hubSecret: target.hubSecret,
          hubSignature: target.hubSignature ?? config.webhooks.hubSignature,
          signingSecret: target.signingSecret,
        })
      }
    },

    /** Posts an inbound event to the targets that opted into it; returns how many. */
    inbound({ channel, targetEvent, event, tid, from, payloads }: InboundDispatch): number {
      let count = 0
      for (const target of targets.current()) {
        if (!wantsChannel(target.channels, channel) || !wantsInbound(target.events, targetEvent)) continue
        outbox.enqueue({
          transid: tid,
          channel,
          destination: from,
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

export type Dispatcher = ReturnType<typeof createDispatcher>
