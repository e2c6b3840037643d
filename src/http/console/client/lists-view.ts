/**
 * @module The lists a developer sets by hand: the bounce list (with expiries on the emulator's
 * clock), unsubscribes, and sandbox mode with its verified addresses.
 */
import type { ClockState, SandboxState, SuppressionEntry, Unsubscribe } from './api-types.js'
import { showClock } from './clock-view.js'
import type { ConsoleContext, View } from './context.js'
import { duration, fullTime } from './format.js'
import { byId, field, html, render, table } from './html.js'

export function createListsView(ctx: ConsoleContext): View {
  const { api } = ctx
  return {
    loaders: {
      suppression: async () => {
        // Expiries are shown relative to the emulator's now, read alongside so both are from one instant.
        const [{ entries }, clock] = await Promise.all([
          api<{ entries: SuppressionEntry[] }>('GET', '/suppression'),
          api<ClockState>('GET', '/clock'),
        ])
        showClock(ctx, clock)
        byId('suppression-count').textContent = `(${entries.length})`
        render(
          byId('suppression'),
          entries.length
            ? table(
                ['address', 'reason', 'added (UTC)', 'expires (UTC)', ''],
                entries.map(
                  (e) =>
                    html`<tr data-address="${e.address}"><td>${e.address}</td><td>${e.reason}</td><td><time>${fullTime(e.addedAt)}</time></td><td class="expiry">${
                      e.expiresAt === null
                        ? 'never'
                        : html`<time>${fullTime(e.expiresAt)}</time> <span class="muted">(in ${duration(e.expiresAt - clock.now)})</span>`
                    }</td><td><button class="danger" data-do="unsuppress" data-address="${e.address}">Remove</button></td></tr>`,
                ),
              )
            : html`<div class="empty">The bounce list is empty. Permanent bounces land here for the retention period (7 days by default).</div>`,
        )
      },
      unsubscribes: async () => {
        const { entries } = await api<{ entries: Unsubscribe[] }>('GET', '/unsubscribes')
        byId('unsubscribes-count').textContent = `(${entries.length})`
        render(
          byId('unsubscribes'),
          entries.length
            ? table(
                ['address', 'sender', 'since (UTC)', ''],
                entries.map(
                  (e) =>
                    html`<tr><td>${e.address}</td><td>${e.sender}</td><td><time>${fullTime(e.addedAt)}</time></td><td><button class="danger" data-do="resubscribe" data-sender="${e.sender}" data-address="${e.address}">Remove</button></td></tr>`,
                ),
              )
            : html`<div class="empty">Nobody has unsubscribed.</div>`,
        )
      },
      sandbox: async () => {
        const sandbox = await api<SandboxState>('GET', '/sandbox')
        byId<HTMLInputElement>('sandbox-enabled').checked = sandbox.enabled
        render(
          byId('sandbox'),
          html`<p>Sandbox is <strong>${sandbox.enabled ? 'on' : 'off'}</strong>.</p>${
            sandbox.verified.length
              ? table(
                  ['verified address or domain', ''],
                  sandbox.verified.map(
                    (address) =>
                      html`<tr><td>${address}</td><td><button class="danger" data-do="unverify" data-address="${address}">Remove</button></td></tr>`,
                  ),
                )
              : html`<div class="empty">No verified addresses.</div>`
          }`,
        )
      },
    },
    actions: {
      unsuppress: async (el) => {
        await api('DELETE', `/suppression/${encodeURIComponent(el.dataset.address ?? '')}`)
      },
      resubscribe: async (el) => {
        const { sender = '', address = '' } = el.dataset
        await api('DELETE', `/unsubscribes/${encodeURIComponent(sender)}/${encodeURIComponent(address)}`)
      },
      unverify: async (el) => {
        await api('DELETE', `/sandbox/verified/${encodeURIComponent(el.dataset.address ?? '')}`)
      },
      'sandbox-toggle': async (el) => {
        await api('PUT', '/sandbox', { enabled: (el as HTMLInputElement).checked })
      },
    },
    forms: {
      suppress: async (form) => {
        const body: { address: string; for?: string; reason?: string } = {
          address: field(form, 'address').value.trim(),
        }
        const retention = field(form, 'for').value.trim()
        const reason = field(form, 'reason').value.trim()
        if (retention) body.for = retention
        if (reason) body.reason = reason
        await api('POST', '/suppression', body)
        form.reset()
      },
      unsubscribe: async (form) => {
        await api('POST', '/unsubscribes', {
          sender: field(form, 'sender').value.trim(),
          address: field(form, 'address').value.trim(),
        })
        form.reset()
      },
      verify: async (form) => {
        await api('PUT', '/sandbox', { verified: [field(form, 'address').value.trim()] })
        form.reset()
      },
    },
  }
}
