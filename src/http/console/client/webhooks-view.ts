/**
 * @module The Webhooks tab (every delivery, filtered by state, newest first, with replay) and the
 * failed-deliveries count on its tab.
 */
import type { Delivery } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { deliveryCard } from './delivery-card.js'
import { byId, html, render } from './html.js'

/** More cards than this make the tab slow to redraw on every attempt. */
const shown = 200

export function createWebhooksView(ctx: ConsoleContext): View {
  const { api } = ctx
  const stateFilter = byId<HTMLSelectElement>('webhooks-state')
  stateFilter.addEventListener('change', () => ctx.want('webhooks'))
  return {
    loaders: {
      failed: async () => {
        const { deliveries } = await api<{ deliveries: Delivery[] }>('GET', '/webhooks?state=failed')
        const count = byId('failed-count')
        count.hidden = deliveries.length === 0
        count.textContent = `${deliveries.length} failed`
      },
      webhooks: async () => {
        if (byId('tab-webhooks').hidden) return
        const state = stateFilter.value
        const { deliveries } = await api<{ deliveries: Delivery[] }>(
          'GET',
          `/webhooks${state ? `?state=${encodeURIComponent(state)}` : ''}`,
        )
        const newest = deliveries.slice(-shown).reverse()
        render(
          byId('webhooks'),
          newest.length
            ? html`${deliveries.length > newest.length && html`<p class="muted">The newest ${shown} of ${deliveries.length}.</p>`}${newest.map(deliveryCard)}`
            : html`<div class="empty">No webhook deliveries${state && ` in state ${state}`}.</div>`,
        )
      },
    },
    actions: {
      'replay-all': async () => {
        const { replayed } = await api<{ replayed: number }>('POST', '/webhooks/replay')
        ctx.want('webhooks', 'failed', 'detail')
        return replayed === 0 ? 'No failed delivery to replay.' : undefined
      },
    },
  }
}
