/**
 * @module `webex-connect-emulator wait`: polls /_emulator/health until the emulator answers, so a
 * CI job can start it in the background and go on only when it is ready.
 */
import { parseDuration } from '../core/duration.js'
import { EmulatorError } from '../core/errors.js'
import { parseFlags } from './parse-flags.js'

export const waitUsage = `Usage: webex-connect-emulator wait [--url <url>] [--timeout <duration>]

Waits until the emulator at --url (default http://127.0.0.1:4600) answers its health check.
Exits 0 when it does, 1 after --timeout (default 30s).
`

const pollEveryMs = 100

export async function waitCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseFlags('wait', argv, {
    url: { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    out.write(waitUsage)
    return 0
  }
  const base = (values.url ?? 'http://127.0.0.1:4600').replace(/\/+$/, '')
  if (!URL.canParse(base))
    throw new EmulatorError('invalid_config', `--url expects a URL such as http://127.0.0.1:4600, got "${base}"`)
  const timeoutMs = parseDuration(values.timeout ?? '30s')
  if (timeoutMs === undefined)
    throw new EmulatorError('invalid_config', `--timeout expects a duration such as 30s, got "${values.timeout}"`)
  const deadline = Date.now() + timeoutMs
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/_emulator/health`, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(2_000, deadline - Date.now()))),
      })
      if (response.ok) {
        out.write(`emulator ready at ${base}\n`)
        return 0
      }
      last = `HTTP ${response.status}`
    } catch (error) {
      last = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs))
  }
  process.stderr.write(
    `webex-connect-emulator: no emulator at ${base} after ${values.timeout ?? '30s'} (last: ${last})\n`,
  )
  return 1
}
