/**
 * @module Inbound events from customers: incoming mail (MO), unsubscribes and subscribes, posted to
 * the targets that opted into them and kept in a capped log. SES's ooto@ auto-replies arrive here too.
 */

import {
  buildDataStreamInboundEmail,
  buildDataStreamSubscriptionEvent,
  buildWebhookInboundEmail,
  buildWebhookSubscriptionEvent,
  type InboundEmailFacts,
} from '../channels/email/payloads/build-inbound-events.js'
import type { UnsubscribeList } from '../channels/email/unsubscribe-list.js'
import type { Clock } from '../kernel/clock.js'
import type { createDispatcher } from '../kernel/dispatch.js'
import type { MessageRecord, RecipientRecord } from '../kernel/message-store.js'
import type { TimestampFormatter } from '../kernel/time-format.js'
import type { EmulatorConfig } from '../schemas/config.js'
import {
  type InboundEmailInput,
  inboundEmailInputSchema,
  type SubscriptionInput,
  subscriptionInputSchema,
} from '../schemas/control.js'
import type { Emit } from './emulator-event.js'

export interface InboundRecord {
  tid: string
  event: 'MO' | 'Unsubscribe' | 'Subscribe'
  from: string
  /** Recipient(s) for MO, the sender id for (un)subscribes. */
  to: string[]
  subject: string
  at: number
  ts: string
  deliveries: number
}

export interface InboundEventsOptions {
  clock: Clock
  config: EmulatorConfig
  formatTimestamp: TimestampFormatter
  /** The emulator's current id source (it is reseeded when a snapshot is imported). */
  uuid: () => string
  dispatch: Pick<ReturnType<typeof createDispatcher>, 'inbound'>
  unsubscribes: UnsubscribeList
  emit: Emit
}

export function createInboundEvents({
  clock,
  config,
  formatTimestamp,
  uuid,
  dispatch,
  unsubscribes,
  emit,
}: InboundEventsOptions) {
  const records: InboundRecord[] = []
  let evicted = 0

  function record(entry: Omit<InboundRecord, 'deliveries' | 'at' | 'ts'>, count: number, at: number): InboundRecord {
    const recorded = { ...entry, at, ts: formatTimestamp(at), deliveries: count }
    records.push(recorded)
    if (records.length > config.limits.maxInbound) {
      records.shift()
      evicted++
    }
    emit({ type: 'inbound', inbound: recorded })
    return recorded
  }

  /** An incoming email (MO) from a customer, posted to targets that opted into inbound events. */
  function injectEmail(input: InboundEmailInput): InboundRecord {
    const mail = inboundEmailInputSchema.parse(input)
    const at = clock.now()
    const tid = uuid()
    // SES message ids are 40 lower-case alphanumerics.
    const sesId = `${uuid()}${uuid()}`.replace(/-/g, '').slice(0, 40)
    const facts: InboundEmailFacts = {
      ...mail,
      replyTo: mail.replyTo ?? mail.from,
      attachments: mail.attachments.map((a) => ({
        ...a,
        url: a.url ?? `https://attachments.emulator.invalid/${tid}/${encodeURIComponent(a.name)}`,
      })),
      tid,
      messageId: sesId,
      ts: formatTimestamp(at),
      tenant: config.tenant,
    }
    const count = dispatch.inbound(
      'mo',
      'MO',
      { tid, from: mail.from },
      { webhook: buildWebhookInboundEmail(facts), datastream: buildDataStreamInboundEmail(facts) },
    )
    return record({ tid, event: 'MO', from: mail.from, to: mail.to, subject: mail.subject }, count, at)
  }

  /** Unsubscribe adds the customer to that sender's unsubscribe list (sends then get 7241); Subscribe removes them. */
  function injectSubscription(event: 'Unsubscribe' | 'Subscribe', input: SubscriptionInput): InboundRecord {
    const { from, senderId, correlationId } = subscriptionInputSchema.parse(input)
    const at = clock.now()
    if (event === 'Unsubscribe') unsubscribes.add(senderId, from, at)
    else unsubscribes.remove(senderId, from)
    emit({ type: 'state', what: 'unsubscribes' })
    const tid = uuid()
    const facts = { event, from, senderId, correlationId, tid, ts: formatTimestamp(at), tenant: config.tenant }
    const kind = event === 'Unsubscribe' ? 'unsubscribe' : 'subscribe'
    const count = dispatch.inbound(
      kind,
      event,
      { tid, from },
      { webhook: buildWebhookSubscriptionEvent(facts), datastream: buildDataStreamSubscriptionEvent(facts) },
    )
    return record({ tid, event, from, to: [senderId], subject: '' }, count, at)
  }

  return {
    injectEmail,
    injectSubscription,

    /** SES's ooto@ simulator answers with an out-of-office reply, which reaches the app as inbound mail. */
    autoReply(message: MessageRecord, recipient: RecipientRecord): void {
      injectEmail({
        from: recipient.address,
        to: message.from,
        subject: `Automatic reply: ${message.subject}`,
        text: 'I am out of the office and will reply when I am back.',
      })
    },

    list: () => [...records],
    get size(): number {
      return records.length
    },
    get evicted(): number {
      return evicted
    },
    /** Empties the log; the eviction count stays, like the other counters. */
    clear(): void {
      records.length = 0
    },
  }
}
