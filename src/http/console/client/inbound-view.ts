/**
 * @module The Inbound tab: inject an incoming email (MO), an incoming SMS (MO), an Unsubscribe or a
 * Subscribe, and list what was injected, every channel's, with how many webhook targets each went to.
 */
import type { InboundEvent } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { badge, byId, field, html, render, table } from './html.js'

export function createInboundView(ctx: ConsoleContext): View {
  const { api } = ctx
  const labels = new Map(ctx.vocabulary.channels.map((c) => [c.name, c.label]))
  return {
    loaders: {
      inbound: async () => {
        const { events } = await api<{ events: InboundEvent[] }>('GET', '/inbound')
        byId('inbound-count').textContent = `(${events.length})`
        render(
          byId('inbound'),
          events.length
            ? table(
                ['channel', 'event', 'from', 'to', 'subject / text', 'at', 'webhooks'],
                events
                  .slice()
                  .reverse()
                  .map(
                    (e) =>
                      html`<tr class="inbound-event" data-channel="${e.channel}"><td><span class="channel">${labels.get(e.channel) ?? e.channel}</span></td><td>${badge(e.event, 'Submitted')}</td><td>${e.from}</td><td>${e.to.join(', ')}</td><td>${e.subject}</td><td><time>${e.ts}</time></td><td>${e.deliveries}</td></tr>`,
                  ),
              )
            : html`<div class="empty">Nothing injected yet. Webhook targets receive inbound events only when their "events" include "inbound" (or "mo", "unsubscribe", "subscribe").</div>`,
        )
      },
    },
    forms: {
      'inbound-email': async (form) => {
        const to = field(form, 'to')
          .value.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        await api('POST', '/inbound/email', {
          from: field(form, 'from').value.trim(),
          to,
          subject: field(form, 'subject').value,
          text: field(form, 'text').value,
        })
        form.reset()
      },
      'inbound-sms': async (form) => {
        await api('POST', '/inbound/sms', {
          from: field(form, 'from').value.trim(),
          to: field(form, 'to').value.trim(),
          text: field(form, 'text').value,
        })
        form.reset()
      },
      subscription: async (form, submitter) => {
        const kind = (submitter as HTMLButtonElement | null)?.value === 'subscribe' ? 'subscribe' : 'unsubscribe'
        await api('POST', `/inbound/${kind}`, {
          from: field(form, 'from').value.trim(),
          senderId: field(form, 'senderId').value.trim(),
        })
      },
    },
  }
}
