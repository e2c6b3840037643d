/**
 * @module Wires the pure engine to Node: a real or virtual clock, a seed, and the HTTP webhook
 * transport (or an in-process sink). Every adapter — server, MSW, scenarios — starts here.
 */
import { randomInt } from 'node:crypto'
import { createEngine, type EmulatorCore, hostOf } from '../core/emulator.js'
import { EmulatorError } from '../core/kernel/errors.js'
import type { WebhookTransport } from '../core/kernel/outbox.js'
import { earliestTime, isoTime, isRepresentableTime, latestTime } from '../core/kernel/time-bounds.js'
import { VirtualClock } from '../core/kernel/virtual-clock.js'
import { parseConfig } from '../core/parse-config.js'
import type { EmulatorConfig, EmulatorConfigInput } from '../core/schemas/config.js'
import { createUndiciTransport } from '../webhooks/undici-transport.js'
import { createDeliveryIds } from './delivery-ids.js'
import { RealClock } from './real-clock.js'

/** Options of `createEmulator()`. */
export interface EmulatorOptions {
  /** The config, as a config file would have it (parsed here, once), or one already parsed. */
  config?: EmulatorConfigInput | EmulatorConfig
  /** "real" (default for the server) or "virtual" (default for MSW and scenarios). */
  clock?: 'real' | 'virtual'
  /** Virtual clock start, epoch ms. */
  startAt?: number
  /**
   * Replaces HTTP delivery of webhooks: e.g. an in-process sink, or `createHttpTransport()` to send
   * them with `fetch` (what MSW mode does). By default undici's keep-alive connection pools.
   */
  transport?: WebhookTransport
  /**
   * Where a `subscribe()` listener's throw goes. The emulator and the other listeners carry on
   * either way; by default the error is raised again as an unhandled rejection, which a test
   * runner reports (the CLI's server logs it instead, and keeps serving).
   */
  onListenerError?: (error: unknown) => void
}

/**
 * A running emulator: send, inspect, change lists and rules, move virtual time, subscribe to
 * events — and `close()` it. The server, the MSW mock and the scenario runner all drive one.
 */
export interface Emulator extends EmulatorCore {
  /**
   * Stops the real clock's timer and starts no new webhook attempt; waits up to `graceMs` for those
   * in flight, then records every unfinished delivery as failed with `interrupted` saying why.
   */
  close(graceMs?: number): Promise<void>
}

/**
 * Creates an emulator in this process: for driving it directly from code, or handing it to
 * `startServer()` / `createApp()`. Use `clock: 'virtual'` in tests so time moves only when you
 * `advance()` it.
 * @example
 * import { createEmulator } from 'webex-connect-emulator'
 *
 * const emulator = createEmulator({ clock: 'virtual', config: { seed: 7 } })
 * const { messageId } = emulator.send({
 *   channel: 'email', from: 'me@x.test', to: [{ email: ['ann+bounce@x.test'] }],
 *   content: { type: 'text', subject: 'Hi', text: 'Hi' },
 * })
 * await emulator.advance(2_000)
 * emulator.message(messageId)?.recipients[0]?.status // 'Bounce'
 * await emulator.close()
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const config = parseConfig(options.config)
  checkStartAt(options.startAt)
  if (config.isolation === 'service')
    throw new EmulatorError(
      'invalid_config',
      'isolation "service" runs one emulator per service: create it with createIsolatedEmulator() (startServer() and createApp() take either)',
      'isolation',
    )
  return createTenantEmulator(config, options)
}

/** A virtual clock starts within the years a timestamp can show (0001–9999), or not at all. */
function checkStartAt(startAt: number | undefined): void {
  if (startAt !== undefined && !isRepresentableTime(startAt))
    throw new EmulatorError(
      'invalid_config',
      `startAt ${String(startAt)} is not a time the emulator can show: give epoch ms between ${isoTime(earliestTime)} and ${isoTime(latestTime)}`,
      'startAt',
    )
}

/**
 * One engine on its own clock, whatever `config.isolation` says: `createEmulator()` for a single
 * emulator, and each tenant of `createIsolatedEmulator()` (with a `seed` of its own instead of
 * `config.seed`).
 */
export function createTenantEmulator(config: EmulatorConfig, options: EmulatorOptions & { seed?: number }): Emulator {
  // Every tenant of an isolated emulator starts here too, so each meets the bound.
  checkStartAt(options.startAt)
  const clock = options.clock === 'virtual' ? new VirtualClock(options.startAt) : new RealClock({ speed: config.speed })
  const nodeTransport = options.transport ? undefined : createUndiciTransport()
  const seed = options.seed ?? config.seed ?? randomInt(2 ** 31)
  const engine = createEngine({
    config,
    clock,
    transport: options.transport ?? nodeTransport!,
    seed,
    deliveryIds: createDeliveryIds(seed),
    // Attempts cut off at shutdown report their real duration, whatever the emulated clock did.
    realNow: () => performance.now(),
    reportListenerError: options.onListenerError,
  })
  const host = hostOf(engine)
  return Object.assign(engine, {
    async close(graceMs = 2_000): Promise<void> {
      if (clock instanceof RealClock) clock.stop()
      // No new attempt starts; those in flight get `graceMs` to finish, and whatever is left is
      // recorded as failed and interrupted rather than vanishing — an attempt cut off mid-flight
      // with its real duration, not the (possibly sped-up) clock's.
      host.drain()
      let wait: ReturnType<typeof setTimeout> | undefined
      await Promise.race([host.idle(), new Promise<void>((resolve) => (wait = setTimeout(resolve, graceMs)))])
      clearTimeout(wait)
      host.interrupt(`interrupted: the emulator shut down before this delivery finished (grace ${graceMs} ms)`)
      nodeTransport?.close()
    },
  })
}
