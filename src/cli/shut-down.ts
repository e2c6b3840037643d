/**
 * @module How `start` stops: on SIGINT/SIGTERM (or when its parent process exits) it says so, stops
 * every new webhook attempt at once, gives those in flight the grace (2 s) to finish while
 * connections close, and says how many deliveries were still pending (they end as failed and
 * interrupted, each attempt cut off logged with its real latency). In JSON mode both lines are JSON
 * records, like every other line.
 */
import type { RunningServer } from '../http/serve.js'
import type { Emulator } from '../runtime/create-emulator.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import type { LifecycleLog } from './lifecycle-log.js'
import { watchParent } from './watch-parent.js'

/** How long in-flight webhook attempts (and requests) may take to finish on shutdown. */
export const shutdownGraceMs = 2_000

/** What asked the emulator to stop: a signal, or its parent process exiting (see watch-parent.ts). */
export interface ShutdownReason {
  reason: string
  signal?: 'SIGINT' | 'SIGTERM'
}

/** Resolves with what asked the emulator to stop; with `exitWithParent`, the parent exiting does too. */
export function shutdownRequested({ exitWithParent }: { exitWithParent: boolean }): Promise<ShutdownReason> {
  return new Promise((resolve) => {
    // `once`: a second Ctrl-C during shutdown ends the process at once, as users expect.
    process.once('SIGINT', () => resolve({ reason: 'SIGINT', signal: 'SIGINT' }))
    process.once('SIGTERM', () => resolve({ reason: 'SIGTERM', signal: 'SIGTERM' }))
    if (exitWithParent) watchParent((pid) => resolve({ reason: `the parent process (${pid}) exited` }))
  })
}

/** Deliveries in flight, waiting and interrupted: an isolated emulator's summed over its tenants. */
function deliveryCounts(emulator: Emulator | IsolatedEmulator) {
  const engines = isIsolatedEmulator(emulator) ? emulator.engines() : [emulator]
  const sum = (count: (stats: ReturnType<Emulator['stats']>) => number) =>
    engines.reduce((total, engine) => total + count(engine.stats()), 0)
  return {
    inFlight: sum((s) => s.deliveriesByState['in-flight']),
    waiting: sum((s) => s.deliveriesByState.pending),
    interrupted: sum((s) => s.interruptedDeliveries),
  }
}

export async function shutDown({
  reason: { reason, signal },
  server,
  emulator,
  log,
  graceMs,
}: {
  reason: ShutdownReason
  server: RunningServer
  emulator: Emulator | IsolatedEmulator
  log: LifecycleLog
  graceMs: number
}): Promise<void> {
  const { inFlight, waiting, interrupted: interruptedDeliveries } = deliveryCounts(emulator)
  // On a terminal, ^C is on the line; start the message on the next one.
  const newline = (process.stdout as { isTTY?: boolean }).isTTY ? '\n' : ''
  log.info(
    'shutdown',
    `${reason}: no new webhook attempts; ${inFlight} in flight get up to ${graceMs} ms to finish, then exiting`,
    { reason, signal: signal ?? null, inFlight, pending: waiting, graceMs },
    `${newline}${reason}: no new webhook attempts; ${inFlight} in flight get up to ${graceMs} ms to finish (${waiting} waiting), then exiting\n`,
  )
  await server.close(graceMs)
  const pending = deliveryCounts(emulator).interrupted - interruptedDeliveries
  log.info(
    'stopped',
    pending === 0
      ? 'stopped: no webhook delivery was pending'
      : `stopped: ${pending} webhook ${pending === 1 ? 'delivery was' : 'deliveries were'} still pending and will not be sent`,
    { pending },
  )
}
