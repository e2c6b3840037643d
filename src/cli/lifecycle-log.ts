/**
 * @module The start command's own lines — listening, state file, shutdown, stopped — in the format
 * the event log uses: one JSON object per line with --log-format json (so every line of the output
 * parses), plain lines otherwise.
 */
import type { LogFormat } from './logging/create-event-logger.js'

type LifecycleEvent = 'listening' | 'state-file' | 'shutdown' | 'stopped'

export interface LifecycleLog {
  /** A record in JSON mode; in pretty mode `pretty` (default: `message`) as it is. */
  info(event: LifecycleEvent, message: string, fields?: Record<string, unknown>, pretty?: string): void
}

export function createLifecycleLog(format: LogFormat, out: { write(text: string): unknown }): LifecycleLog {
  return {
    info(event, message, fields = {}, pretty = `${message}\n`) {
      if (format === 'json')
        out.write(`${JSON.stringify({ level: 'info', event, time: new Date().toISOString(), message, ...fields })}\n`)
      else out.write(pretty)
    },
  }
}
