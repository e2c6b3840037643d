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
    // Not an async function: one promise per attempt instead of two (every send makes two attempts).
    wrap: (transport) => (request) => {
      const at = now()
      started.set(request.id, at)
      const ended = () => {
        if (started.get(request.id) === at) started.delete(request.id)
      }
      let attempt: ReturnType<WebhookTransport>
      try {
        attempt = transport(request)
      } catch (error) {
        ended()
        return Promise.reject(error)
      }
      return attempt.then(
        (result) => {
          ended()
          return result
        },
        (error: unknown) => {
          ended()
          throw error
        },
      )
    },
    elapsedMs(delivery) {
      const at = started.get(delivery.id)
      return at === undefined ? undefined : Math.round(now() - at)
    },
  }
}
