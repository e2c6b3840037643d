/**
 * @module How `start` stops: on SIGINT/SIGTERM it says so, stops every new webhook attempt at once,
 * gives those in flight the grace (2 s) to finish while connections close, and says how many
 * deliveries were still pending (they end as failed and interrupted, each attempt cut off logged
 * with its real latency). In JSON mode both lines are JSON records, like every other line.
 */
import type { RunningServer } from '../http/serve.js'
import type { RuntimeEmulator } from '../runtime/create-runtime-emulator.js'
import type { LifecycleLog } from './lifecycle-log.js'

/** How long in-flight webhook attempts (and requests) may take to finish on shutdown. */
export const shutdownGraceMs = 2_000

/** Resolves with the name of the signal that asked the emulator to stop. */
export function shutdownRequested(): Promise<string> {
  return new Promise((resolve) => {
    // `once`: a second Ctrl-C during shutdown ends the process at once, as users expect.
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
}

export async function shutDown({
  reason,
  server,
  emulator,
  log,
  graceMs,
}: {
  reason: string
  server: RunningServer
  emulator: RuntimeEmulator
  log: LifecycleLog
  graceMs: number
}): Promise<void> {
  const { deliveriesByState, interruptedDeliveries } = emulator.stats()
  const inFlight = deliveriesByState['in-flight']
  const waiting = deliveriesByState.pending
  // On a terminal, ^C is on the line; start the message on the next one.
  const newline = (process.stdout as { isTTY?: boolean }).isTTY ? '\n' : ''
  log.info(
    'shutdown',
    `${reason}: no new webhook attempts; ${inFlight} in flight get up to ${graceMs} ms to finish, then exiting`,
    { signal: reason, inFlight, pending: waiting, graceMs },
    `${newline}${reason}: no new webhook attempts; ${inFlight} in flight get up to ${graceMs} ms to finish (${waiting} waiting), then exiting\n`,
  )
  await server.close(graceMs)
  const pending = emulator.stats().interruptedDeliveries - interruptedDeliveries
  log.info(
    'stopped',
    pending === 0
      ? 'stopped: no webhook delivery was pending'
      : `stopped: ${pending} webhook ${pending === 1 ? 'delivery was' : 'deliveries were'} still pending and will not be sent`,
    { pending },
  )
}
