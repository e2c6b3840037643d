/**
 * @module One WhatsApp conversation, as the user's phone would show it: the messages an app sent a
 * user (waid) and what the user wrote in, in time order, with the 24-hour customer-service window
 * on the emulator clock — open until when, or closed (session messages then fail with 7710 until
 * the user writes). GET /_emulator/whatsapp/conversations/:appId/:waid; the console's
 * conversation view reads it.
 */

import { userKey } from '../../kernel/conversation-windows.js'
import type { BaseMessage } from '../../kernel/message-store.js'
import type { WaMessage } from './record.js'
import type { WhatsappState } from './state.js'

/** `appId`'s conversation with `waid` at `now`. */
export function conversationOf(state: WhatsappState, messages: readonly BaseMessage[], appId: string, waid: string) {
  const { ctx } = state
  const now = ctx.clock.now()
  const user = userKey(waid)
  const iso = (at: number | undefined) => (at === undefined ? null : ctx.formatTimestamp(at))
  /** Where each message stands in the store (sending order), to order what happened at one instant. */
  const order = new Map(messages.map((m, i) => [m.messageId, i]))
  const sent = (messages as readonly WaMessage[]).flatMap((m) =>
    m.appId !== appId
      ? []
      : m.recipients
          .filter((r) => r.waid && userKey(r.waid) === user)
          .map((r) => {
            const failed = r.receipts.findLast((receipt) => receipt.status === 'Failed')
            return {
              direction: 'out' as const,
              at: m.startsAt,
              seq: order.get(m.messageId)!,
              ts: ctx.formatTimestamp(m.startsAt),
              messageId: m.messageId,
              kind: m.kind,
              type: m.type,
              text: m.text,
              templateId: m.templateId,
              shown: m.shown,
              status: r.status,
              code: failed?.code,
              description: failed?.description,
            }
          }),
  )
  const heard = state.heard
    .toArray()
    .filter((h) => h.appId === appId && userKey(h.user) === user)
    .map(({ appId: _app, user: _user, after, ...h }) => ({
      direction: 'in' as const,
      ts: ctx.formatTimestamp(h.at),
      // Just after the message that was the latest then (before every message still kept, when it is gone).
      seq: (after === undefined ? -1 : (order.get(after) ?? -1)) + 0.5,
      ...h,
    }))
  // In time order; at one instant, in the order things happened (a stable sort keeps what users wrote in order).
  const entries = [...sent, ...heard].sort((a, b) => a.at - b.at || a.seq - b.seq).map(({ seq: _seq, ...e }) => e)
  const window = state.windowOf(appId, waid, now)
  return {
    appId,
    waid,
    now: ctx.formatTimestamp(now),
    window: {
      open: window.open,
      lastInboundAt: iso(window.lastInboundAt),
      closesAt: iso(window.closesAt),
      /** How long it stays open, in ms (null when closed). */
      closesIn: window.open ? window.closesAt! - now : null,
      /** false when `whatsapp.enforceWindow` is off: a closed window then fails nothing. */
      enforced: window.enforced,
    },
    entries,
  }
}
