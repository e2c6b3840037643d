/**
 * @module Wires the pure core to Node: a real or virtual clock, a seed, and the HTTP webhook
 * transport (or an in-process sink). Every adapter — server, MSW, scenarios — starts here.
 */
import { randomInt } from 'node:crypto'
import { createEmulator, type Emulator } from '../core/emulator.js'
import type { WebhookTransport } from '../core/outbox.js'
import { parseConfig } from '../core/parse-config.js'
import type { EmulatorConfigInput } from '../core/schemas/config.js'
import { VirtualClock } from '../core/virtual-clock.js'
import { createNodeHttpTransport } from '../webhooks/node-http-transport.js'
import { RealClock } from './real-clock.js'

export interface RuntimeEmulatorOptions {
  config?: EmulatorConfigInput
  /** "real" (default for the server) or "virtual" (default for MSW and scenarios). */
  clock?: 'real' | 'virtual'
  /** Virtual clock start, epoch ms. */
  startAt?: number
  /**
   * Replaces HTTP delivery of webhooks: e.g. an in-process sink, or `createHttpTransport()` to send
   * them with `fetch` (what MSW mode does). By default node:http with keep-alive agents.
   */
  transport?: WebhookTransport
}

export interface RuntimeEmulator extends Emulator {
  /**
   * Stops the real clock's timer and starts no new webhook attempt; waits up to `graceMs` for those
   * in flight, then records every unfinished delivery as failed with `interrupted` saying why.
   */
  close(graceMs?: number): Promise<void>
}

/**
 * @example
 * const emulator = createRuntimeEmulator({ clock: 'virtual', config: { seed: 7 } })
 */
export function createRuntimeEmulator(options: RuntimeEmulatorOptions = {}): RuntimeEmulator {
  const config = parseConfig(options.config)
  const clock = options.clock === 'virtual' ? new VirtualClock(options.startAt) : new RealClock({ speed: config.speed })
  const nodeTransport = options.transport ? undefined : createNodeHttpTransport()
  const emulator = createEmulator({
    config,
    clock,
    transport: options.transport ?? nodeTransport!,
    seed: config.seed ?? randomInt(2 ** 31),
  })
  return Object.assign(emulator, {
    async close(graceMs = 2_000) {
      if (clock instanceof RealClock) clock.stop()
      // No new attempt starts; those in flight get `graceMs` to finish, and whatever is left is
      // recorded as failed and interrupted rather than vanishing.
      emulator.drain()
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([emulator.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))])
      clearTimeout(timer)
      emulator.interrupt(`interrupted: the emulator shut down before this delivery finished (grace ${graceMs} ms)`)
      nodeTransport?.close()
    },
  })
}
