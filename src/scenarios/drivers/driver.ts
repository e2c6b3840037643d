/**
 * @module What a scenario runs against. Every step talks to the emulator through its HTTP surface
 * (the vendor API and /_emulator), so one step implementation serves both drivers: in-process, the
 * requests go to the hono app on a virtual clock; with --target, over the network to a running
 * emulator. The drivers differ only in how they set up, route and tear down.
 */
import type { ReceiverSpec, Scenario } from '../schema.js'

export interface ScenarioDriver {
  readonly mode: 'in-process' | 'target'
  /** The emulator's base URL (`${emulator}`); in-process a name only the driver answers. */
  readonly emulatorUrl: string
  /** Base URL of the scenario's receivers (`${receiver}`). */
  readonly receiverUrl: string
  /** Things the driver could not do as the scenario asked, e.g. config keys a running emulator cannot take. */
  readonly notes: string[]
  /** A request to the emulator ("/v2/messages", "/_emulator/…") or to any absolute URL. */
  fetch(url: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

export interface DriverOptions {
  /** Headers sent with every /_emulator request (a control token). */
  controlHeaders?: Record<string, string>
  /** How long each request to a running emulator may take, answer included (30 s). */
  requestTimeoutMs?: number
}

/** The receivers a scenario gets when it names none: one at ${receiver}/hooks, all receipts, webhook format. */
export function receiversOf(scenario: Scenario): ReceiverSpec[] {
  return scenario.receivers ?? [{ name: 'hooks', format: 'webhook' }]
}

/** The receiver's answer to each request: its `fail` rule, counted per receiver, else 200. */
export function createReceiverResponder(receivers: readonly ReceiverSpec[], receiverUrl: string) {
  const served = new Map<string, number>()
  return (url: string): number => {
    if (!url.startsWith(`${receiverUrl}/`)) return 200
    const name = url.slice(receiverUrl.length + 1).split(/[/?#]/)[0]!
    const receiver = receivers.find((r) => r.name === name)
    const count = (served.get(name) ?? 0) + 1
    served.set(name, count)
    return receiver?.fail && count <= receiver.fail.times ? receiver.fail.status : 200
  }
}
