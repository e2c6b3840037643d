/**
 * @module Writes the emulator's events to a stream: coloured human lines (colour only on a TTY
 * without NO_COLOR) or JSON lines. `quiet` keeps warnings only; `verbose` adds state changes.
 */
import type { EmulatorCore } from '../../core/emulator.js'
import {
  type IsolatedEmulator,
  type IsolatedEvent,
  isIsolatedEmulator,
} from '../../runtime/create-isolated-emulator.js'
import type { Output } from './batched-writer.js'
import { type LogRecord, levelOf, toLogRecord } from './format-event.js'

export type LogFormat = 'pretty' | 'json'
type LogVerbosity = 'quiet' | 'normal' | 'verbose'

export interface EventLoggerOptions {
  format: LogFormat
  verbosity: LogVerbosity
  out: Output
  color?: boolean
}

const shown: Record<LogVerbosity, Set<LogRecord['level']>> = {
  quiet: new Set(['warn']),
  normal: new Set(['info', 'warn']),
  verbose: new Set(['info', 'warn', 'debug']),
}

const ansi = { dim: '\x1b[2m', yellow: '\x1b[33m', green: '\x1b[32m', cyan: '\x1b[36m', reset: '\x1b[0m' }
const eventColour: Record<LogRecord['event'], string> = {
  message: ansi.cyan,
  receipt: ansi.green,
  attempt: ansi.green,
  inbound: ansi.cyan,
  state: ansi.dim,
  reset: ansi.dim,
  rejected: ansi.yellow,
  tenant: ansi.cyan,
}

export function formatPretty(record: LogRecord, color: boolean): string {
  const time = record.time.slice(11, 23)
  const tenant = typeof record.tenant === 'string' ? `[${record.tenant}] ` : ''
  if (!color) return `${time} ${record.event.padEnd(7)} ${tenant}${record.message}`
  const colour = record.level === 'warn' ? ansi.yellow : eventColour[record.event]
  return `${ansi.dim}${time}${ansi.reset} ${colour}${record.event.padEnd(7)}${ansi.reset} ${tenant}${record.message}`
}

/** A tenant came or went (isolation "service"): created and removed are news, an eviction a warning. */
function tenantRecord(event: Extract<IsolatedEvent, { type: 'tenant' }>, now: number, maxTenants: number): LogRecord {
  const evicted = event.action === 'evicted'
  return {
    level: evicted ? 'warn' : 'info',
    event: 'tenant',
    time: new Date(now).toISOString(),
    message: evicted
      ? `tenant evicted: the least recently used of limits.maxTenants (${maxTenants}); everything it held is forgotten`
      : `tenant ${event.action}`,
    action: event.action,
  }
}

/**
 * Subscribes a logger to the emulator — or to every tenant of an isolated one, each line naming its
 * tenant (`[worker-1] …`, `"tenant"` in JSON) — and returns the unsubscribe function.
 */
export function attachEventLogger(
  emulator: Pick<EmulatorCore, 'subscribe' | 'clockState'> | IsolatedEmulator,
  { format, verbosity, out, color }: EventLoggerOptions,
): () => void {
  const useColor = color ?? (Boolean(out.isTTY) && !process.env.NO_COLOR)
  const isolated = isIsolatedEmulator(emulator) ? emulator : undefined
  const clockOf = (tenant: string | undefined) => (isolated ? isolated.clockState(tenant) : emulator.clockState()).now
  const recordOf = (event: IsolatedEvent, tenant: string | undefined): LogRecord | undefined => {
    if (event.type === 'tenant') {
      const record = tenantRecord(event, clockOf(tenant), isolated?.config.limits.maxTenants ?? 0)
      return shown[verbosity].has(record.level) ? record : undefined
    }
    return shown[verbosity].has(levelOf(event)) ? toLogRecord(event, clockOf(tenant)) : undefined
  }
  return emulator.subscribe((event: IsolatedEvent, tenant?: string) => {
    const record = recordOf(event, tenant)
    if (!record) return
    if (tenant !== undefined) record.tenant = tenant
    out.write(`${format === 'json' ? JSON.stringify(record) : formatPretty(record, useColor)}\n`)
  })
}
