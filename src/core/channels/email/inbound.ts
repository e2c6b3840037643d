/**
 * @module What email customers push to apps: an incoming email (MO), and Unsubscribe / Subscribe
 * events, which also change the sender's unsubscribe list (sends then get 7241, or no longer do).
 * Posted to the targets that opted into them, in both formats (seeds 000 and 001).
 */
import type { z } from 'zod'
import type { InboundSpec } from '../channel.js'
import { keptSubject } from './content.js'
import { inboundEmailInputSchema, subscriptionInputSchema } from './control-inputs.js'
import {
  buildDataStreamInboundEmail,
  buildDataStreamSubscriptionEvent,
  buildWebhookInboundEmail,
  buildWebhookSubscriptionEvent,
  type InboundEmailFacts,
} from './payloads/build-inbound-events.js'
import type { EmailState } from './state.js'

function subscription(event: 'Unsubscribe' | 'Subscribe'): InboundSpec<EmailState> {
  return {
    schema: subscriptionInputSchema,
    summary:
      event === 'Unsubscribe'
        ? "An Unsubscribe event; the address joins the sender's unsubscribe list"
        : "A Subscribe event; the address leaves the sender's unsubscribe list",
    events: [event.toLowerCase()],
    path: `/inbound/${event.toLowerCase()}`,
    build(input: z.output<typeof subscriptionInputSchema>, state, { tid, ts, at }) {
      const { from, senderId, correlationId } = input
      if (event === 'Unsubscribe') state.unsubscribes.add(senderId, from, at)
      else state.unsubscribes.remove(senderId, from)
      const facts = { event, from, senderId, correlationId, tid, ts, tenant: state.tenant }
      return {
        event,
        from,
        to: [senderId],
        subject: '',
        targetEvent: event.toLowerCase(),
        changed: 'unsubscribes',
        payloads: {
          webhook: buildWebhookSubscriptionEvent(facts),
          datastream: buildDataStreamSubscriptionEvent(facts),
        },
      }
    },
  }
}

/** The email channel's inbound events, by the name the control API and scenarios use. */
export function emailInbound(): Record<string, InboundSpec<EmailState>> {
  return {
    email: {
      schema: inboundEmailInputSchema,
      summary: 'An incoming email (MO) to inbound webhook targets',
      events: ['mo'],
      path: '/inbound/email',
      build(mail: z.output<typeof inboundEmailInputSchema>, state, { tid, ts }) {
        const facts: InboundEmailFacts = {
          ...mail,
          replyTo: mail.replyTo ?? mail.from,
          attachments: mail.attachments.map((a) => ({
            ...a,
            // A lone surrogate (valid JSON, a valid string) would make encodeURIComponent throw: it
            // becomes U+FFFD in the URL, as a browser's URL encoder writes it.
            url:
              a.url ??
              `https://attachments.emulator.invalid/${tid}/${encodeURIComponent(a.name.replace(/\p{Cs}/gu, '\uFFFD'))}`,
          })),
          tid,
          messageId: state.sesMessageId(),
          ts,
          tenant: state.tenant,
        }
        return {
          event: 'MO',
          from: mail.from,
          to: mail.to,
          // The log keeps the subject as a sent mail's record does; the webhooks carry it whole.
          ...keptSubject(mail.subject, state.config.content),
          targetEvent: 'mo',
          payloads: { webhook: buildWebhookInboundEmail(facts), datastream: buildDataStreamInboundEmail(facts) },
        }
      },
    },
    unsubscribe: subscription('Unsubscribe'),
    subscribe: subscription('Subscribe'),
  }
}
