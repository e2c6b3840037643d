/**
 * @module Writes the emulator's events to a stream: coloured human lines (colour only on a TTY
 * without NO_COLOR) or JSON lines. `quiet` keeps warnings only; `verbose` adds state changes.
 */
import type { EmulatorCore } from '../../core/emulator.js'
import { type LogRecord, levelOf, toLogRecord } from './format-event.js'

export type LogFormat = 'pretty' | 'json'
type LogVerbosity = 'quiet' | 'normal' | 'verbose'

export interface EventLoggerOptions {
  format: LogFormat
  verbosity: LogVerbosity
  out: NodeJS.WritableStream & { isTTY?: boolean }
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
}

export function formatPretty(record: LogRecord, color: boolean): string {
  const time = record.time.slice(11, 23)
  if (!color) return `${time} ${record.event.padEnd(7)} ${record.message}`
  const colour = record.level === 'warn' ? ansi.yellow : eventColour[record.event]
  return `${ansi.dim}${time}${ansi.reset} ${colour}${record.event.padEnd(7)}${ansi.reset} ${record.message}`
}

/** Subscribes a logger to the emulator; returns the unsubscribe function. */
export function attachEventLogger(
  emulator: Pick<EmulatorCore, 'subscribe' | 'clockState'>,
  { format, verbosity, out, color }: EventLoggerOptions,
): () => void {
  const useColor = color ?? (Boolean(out.isTTY) && !process.env.NO_COLOR)
  return emulator.subscribe((event) => {
    if (!shown[verbosity].has(levelOf(event))) return
    const record = toLogRecord(event, emulator.clockState().now)
    out.write(`${format === 'json' ? JSON.stringify(record) : formatPretty(record, useColor)}\n`)
  })
}
