/**
 * @module Real start times of the webhook attempts in flight. The core times attempts on its clock,
 * which a sped-up or hand-moved clock makes emulated milliseconds; an attempt cut off by shutdown
 * has no transport result to report its latency, so the runtime measures it here, in real time.
 */
import type { Delivery, WebhookTransport } from '../core/kernel/outbox.js'

export interface AttemptTimer {
  /** The same transport, noting when each attempt starts and forgetting it when it ends. */
  wrap(transport: WebhookTransport): WebhookTransport
  /** Real milliseconds since the delivery's attempt in flight started; undefined when none is. */
  elapsedMs(delivery: Pick<Delivery, 'id'>): number | undefined
}

export function createAttemptTimer(now: () => number = () => performance.now()): AttemptTimer {
  const started = new Map<string, number>()
  return {
    wrap: (transport) => async (request) => {
      const at = now()
      started.set(request.id, at)
      try {
        return await transport(request)
      } finally {
        if (started.get(request.id) === at) started.delete(request.id)
      }
    },
    elapsedMs(delivery) {
      const at = started.get(delivery.id)
      return at === undefined ? undefined : Math.round(now() - at)
    },
  }
}
