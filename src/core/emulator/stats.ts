/**
 * @module The counters GET /_emulator/stats shows: what the emulator holds, what it let go past its
 * limits, and what is still running.
 */
import type { EmulatorStats } from '../emulator-api.js'
import type { ApiChaos } from '../kernel/api-chaos.js'
import type { ApiMeter } from '../kernel/api-meter.js'
import type { MessageStore } from '../kernel/message-store.js'
import type { Outbox } from '../kernel/outbox.js'

export interface StatsSources {
  store: MessageStore
  outbox: Outbox
  inbound: { readonly size: number; readonly evicted: number }
  evictedReceipts: number
  pendingTimers: number
  eventSubscribers: number
  chaos: ApiChaos
  meter: ApiMeter
}

export function engineStats({
  store,
  outbox,
  inbound,
  evictedReceipts,
  pendingTimers,
  eventSubscribers,
  chaos,
  meter,
}: StatsSources): EmulatorStats {
  const deliveries = outbox.list()
  const deliveriesByState = { pending: 0, 'in-flight': 0, delivered: 0, failed: 0 }
  for (const delivery of deliveries) deliveriesByState[delivery.state]++
  return {
    messages: store.size,
    evictedMessages: store.evicted,
    deliveries: deliveries.length,
    deliveriesByState,
    evictedDeliveries: outbox.evicted,
    evictedAttempts: outbox.evictedAttempts,
    evictedReceipts,
    inbound: inbound.size,
    evictedInbound: inbound.evicted,
    interruptedDeliveries: outbox.interrupted,
    inFlight: outbox.inFlight,
    pendingTimers,
    eventSubscribers,
    chaos: chaos.counts(),
    rateLimit: meter.counts(),
  }
}
