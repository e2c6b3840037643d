/**
 * @module A core emulator on virtual time with a scripted in-process transport, for outbox and
 * fault-injection tests. The transport answers through `respond`, which may be async.
 */
import { createEngine } from '../../../src/core/emulator.js'
import type { WebhookRequest, WebhookResult } from '../../../src/core/kernel/outbox.js'
import { VirtualClock } from '../../../src/core/kernel/virtual-clock.js'
import { parseConfig } from '../../../src/core/parse-config.js'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'

interface Sent extends WebhookRequest {
  payload: any
  at: number
  status: string
}

export function virtualOutbox(
  config: EmulatorConfigInput,
  respond: (request: WebhookRequest, index: number) => WebhookResult | Promise<WebhookResult> = () => ({
    status: 200,
    latencyMs: 1,
  }),
  seed = 1,
) {
  const clock = new VirtualClock()
  const sent: Sent[] = []
  const emulator = createEngine({
    config: parseConfig(config),
    clock,
    seed,
    transport: async (request) => {
      const payload = JSON.parse(request.body)
      sent.push({
        ...request,
        payload,
        at: clock.now(),
        status: payload.deliveryInfoNotification?.deliveryInfo?.deliveryStatus,
      })
      return respond(request, sent.length - 1)
    },
  })
  return { emulator, clock, sent }
}

export const hook = (extra: Record<string, unknown> = {}) => ({ url: 'http://app.test/hooks', ...extra })

export function mail(address: string, extra: Record<string, unknown> = {}) {
  return {
    channel: 'email',
    from: 'news@brand.test',
    to: [{ email: [address] }],
    content: { type: 'text', subject: 'Hi', text: 'Hi' },
    ...extra,
  }
}
