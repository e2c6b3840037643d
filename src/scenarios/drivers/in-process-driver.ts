/**
 * @module Runs a scenario against a fresh emulator in this process, on virtual time: requests go
 * straight to the hono app (no port), webhooks to an in-memory sink that answers as the
 * scenario's receivers say. A scenario takes milliseconds however many days it spans.
 */
import { parseConfig } from '../../core/parse-config.js'
import type { WebhookTargetConfig } from '../../core/schemas/config.js'
import { createApp } from '../../http/create-app.js'
import { createEmulator } from '../../runtime/create-emulator.js'
import { createSinkTransport } from '../../webhooks/sink-transport.js'
import type { ReceiverSpec, Scenario } from '../schema.js'
import { createReceiverResponder, type DriverOptions, receiversOf, type ScenarioDriver } from './driver.js'
import { fetchOutside } from './fetch-with-deadline.js'

const inProcessEmulatorUrl = 'http://emulator.scenario.test'
const inProcessReceiverUrl = 'http://receiver.scenario.test'
/** Virtual time starts here unless the scenario says `startAt`, so runs are reproducible. */
const defaultStartAt = '2025-01-01T00:00:00.000Z'

export function receiverTarget(receiver: ReceiverSpec, receiverUrl: string): WebhookTargetConfig {
  return {
    url: `${receiverUrl}/${receiver.name}`,
    format: receiver.format,
    headers: receiver.headers ?? {},
    ...(receiver.channels ? { channels: receiver.channels } : {}),
    ...(receiver.events ? { events: receiver.events } : {}),
    ...(receiver.hubSecret ? { hubSecret: receiver.hubSecret } : {}),
  }
}

export async function createInProcessDriver(
  scenario: Scenario,
  { requestTimeoutMs = 30_000 }: Pick<DriverOptions, 'requestTimeoutMs'> = {},
): Promise<ScenarioDriver> {
  const receivers = receiversOf(scenario)
  const respond = createReceiverResponder(receivers, inProcessReceiverUrl)
  const config = scenario.config ?? parseConfig({})
  const targets = [
    ...(config.webhooks?.targets ?? []),
    ...receivers.map((r) => receiverTarget(r, inProcessReceiverUrl)),
  ]
  const emulator = createEmulator({
    config: { ...config, webhooks: { ...config.webhooks, targets } },
    clock: 'virtual',
    startAt: Date.parse(scenario.startAt ?? defaultStartAt),
    // Every URL lands here, the scenario's receivers and any other target or notifyUrl alike.
    transport: createSinkTransport(({ url }) => respond(url)),
  })
  const app = createApp(emulator, { checkSite: false }) // in-process: no page can reach it
  return {
    mode: 'in-process',
    emulatorUrl: inProcessEmulatorUrl,
    receiverUrl: inProcessReceiverUrl,
    notes: [],
    async fetch(url, init) {
      const absolute = url.startsWith('/') ? `${inProcessEmulatorUrl}${url}` : url
      if (absolute.startsWith(`${inProcessEmulatorUrl}/`)) return app.fetch(new Request(absolute, init))
      return fetchOutside(absolute, init, requestTimeoutMs)
    },
    close: () => emulator.close(0),
  }
}
