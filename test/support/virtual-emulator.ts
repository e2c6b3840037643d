/**
 * @module A core emulator on virtual time with an in-process webhook sink, for core tests.
 */
import { createEngine } from '../../src/core/emulator.js'
import type { WebhookRequest, WebhookResult } from '../../src/core/kernel/outbox.js'
import { VirtualClock } from '../../src/core/kernel/virtual-clock.js'
import { parseConfig } from '../../src/core/parse-config.js'
import type { EmulatorConfigInput } from '../../src/core/schemas/config.js'

interface SinkRequest extends WebhookRequest {
  payload: any
  at: number
}

export function createTestEmulator(
  config: EmulatorConfigInput = {},
  respond: (request: WebhookRequest, index: number) => WebhookResult = () => ({ status: 200, latencyMs: 1 }),
) {
  const clock = new VirtualClock()
  const sink: SinkRequest[] = []
  const emulator = createEngine({
    config: parseConfig({ webhooks: { targets: [{ url: 'http://app.test/hooks' }] }, ...config }),
    clock,
    seed: 1,
    transport: async (request) => {
      sink.push({ ...request, payload: JSON.parse(request.body), at: clock.now() })
      return respond(request, sink.length - 1)
    },
  })
  /** Receipts as [destination, deliveryStatus, Description] triples, in delivery order. */
  const receipts = () =>
    sink.map((r) => {
      const info = r.payload.deliveryInfoNotification.deliveryInfo
      return [info.destination, info.deliveryStatus, info.Description] as const
    })
  return { emulator, clock, sink, receipts }
}

export function emailTo(addresses: string | string[], extra: Record<string, unknown> = {}) {
  return {
    channel: 'email',
    from: 'news@brand.test',
    to: [{ email: Array.isArray(addresses) ? addresses : [addresses], correlationId: 'corr-1' }],
    content: { type: 'html', subject: 'Hello', html: '<p>Hi <a href="https://brand.test/offer">offer</a></p>' },
    callbackData: 'cb-1',
    ...extra,
  }
}
