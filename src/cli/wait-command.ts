/**
 * @module `webex-connect-emulator wait`: waits until the emulator answers /_emulator/health, so a
 * CI job can start it in the background and go on only when it is ready. It says what it waits for
 * (a URL, or the ready file `start --ready-file` writes) and when it will give up, then how it is
 * going every few seconds: a CI log never shows 30 silent seconds.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseDuration } from '../core/kernel/duration.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { parseFlags } from './parse-flags.js'
import { formatDuration, waitForHealth } from './wait-for-health.js'

export const waitUsage = `Usage: webex-connect-emulator wait [--url <url> | --ready-file <path>] [--timeout <duration>]

Waits until the emulator at --url (default http://127.0.0.1:4600), or at the URL in the ready file
that "start --ready-file <path>" writes, answers its health check.
Exits 0 when it does, 1 after --timeout (default 30s).
`

const pollEveryMs = 100

/** The URL a ready file names now, if there is one. */
function readyUrl(path: string): string | undefined {
  if (!existsSync(path)) return undefined
  try {
    const { url } = JSON.parse(readFileSync(path, 'utf8')) as { url?: unknown }
    return typeof url === 'string' ? url.replace(/\/+$/, '') : undefined
  } catch {
    // Not a ready file (it is written atomically, so never half of one): keep waiting for one.
    return undefined
  }
}

/** Waits for `start --ready-file` to write the file, and reads the URL from it. */
async function urlFromReadyFile(path: string, deadline: number): Promise<string | undefined> {
  for (;;) {
    const url = readyUrl(path)
    if (url !== undefined) return url
    if (Date.now() >= deadline) return undefined
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs))
  }
}

export async function waitCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseFlags('wait', argv, {
    url: { type: 'string' },
    'ready-file': { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    out.write(waitUsage)
    return 0
  }
  const readyFile = values['ready-file']
  if (readyFile && values.url)
    throw new EmulatorError('invalid_config', 'give --url or --ready-file, not both: the ready file names the URL')
  const given = (values.url ?? 'http://127.0.0.1:4600').replace(/\/+$/, '')
  if (!URL.canParse(given))
    throw new EmulatorError('invalid_config', `--url expects a URL such as http://127.0.0.1:4600, got "${given}"`)
  const timeout = values.timeout ?? '30s'
  const timeoutMs = parseDuration(timeout)
  if (timeoutMs === undefined)
    throw new EmulatorError('invalid_config', `--timeout expects a duration such as 30s, got "${values.timeout}"`)
  const deadline = Date.now() + timeoutMs
  const say = (line: string) => process.stderr.write(`webex-connect-emulator: ${line}\n`)

  say(
    readyFile
      ? `waiting for the ready file ${readyFile}, then for the emulator it names to answer /_emulator/health; giving up after ${timeout}`
      : `waiting for the emulator at ${given} to answer /_emulator/health; giving up after ${timeout}`,
  )
  const base = readyFile ? (await urlFromReadyFile(readyFile, deadline))?.replace(/\/+$/, '') : given
  if (base === undefined) {
    say(`no ready file ${readyFile} after ${timeout}: did "start --ready-file ${readyFile}" fail? (see its log)`)
    return 1
  }
  if (readyFile) say(`${readyFile} names ${base}`)
  // The file is read again before each probe: one an earlier run left (killed with -9) may be read
  // first, and the start being waited for then writes its own, with its URL.
  let current = base
  const latest = () => {
    const named = readyFile ? readyUrl(readyFile) : undefined
    if (named !== undefined && named !== current) {
      say(`${readyFile} now names ${named}`)
      current = named
    }
    return current
  }
  const result = await waitForHealth(latest, {
    timeoutMs: Math.max(0, deadline - Date.now()),
    onStillWaiting: (last, leftMs) =>
      say(`still waiting for ${current} (last: ${last}); giving up in ${formatDuration(leftMs)}`),
  })
  if (!result.ready) {
    say(`no emulator at ${current} after ${timeout} (last: ${result.last})`)
    return 1
  }
  out.write(`emulator ready at ${current}\n`)
  return 0
}
