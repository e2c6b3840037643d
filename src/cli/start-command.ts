/**
 * @module `webex-connect-emulator start`: runs the emulator server until SIGINT/SIGTERM.
 */
import { rm } from 'node:fs/promises'
import { EmulatorError } from '../core/kernel/errors.js'
import { describeThrown } from '../core/kernel/outbox.js'
import { parseConfig } from '../core/parse-config.js'
import { type EmulatorConfigInput, type WebhookFormat, webhookFormats } from '../core/schemas/config.js'
import { startServer } from '../http/serve.js'
import { createEmulator } from '../runtime/create-emulator.js'
import { createIsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import { openStateFile } from '../state/state-file.js'
import { createLifecycleLog } from './lifecycle-log.js'
import { listenError } from './listen-error.js'
import { findDefaultConfigFile, loadConfigFile } from './load-config-file.js'
import { createBatchedWriter } from './logging/batched-writer.js'
import { attachEventLogger } from './logging/create-event-logger.js'
import { parseFlags } from './parse-flags.js'
import { prepareReadyFile, writeReadyFile } from './ready-file.js'
import { shutDown, shutdownGraceMs, shutdownRequested } from './shut-down.js'
import { announceStart } from './start-banner.js'
import { startUsage } from './start-usage.js'
import { stateFileNotice } from './state-file-notice.js'

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  config: { type: 'string' },
  'webhook-url': { type: 'string', multiple: true },
  'webhook-format': { type: 'string' },
  speed: { type: 'string' },
  seed: { type: 'string' },
  timezone: { type: 'string' },
  'control-token': { type: 'string' },
  'ready-file': { type: 'string' },
  'log-format': { type: 'string' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'state-file': { type: 'string' },
  'fresh-state': { type: 'boolean' },
  'outlive-parent': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n))
    throw new EmulatorError('invalid_config', `--${name} expects a number, got "${value}"`)
  return n
}

/** --port: a whole number in 0–65535, checked before listening so a typo is not a Node stack. */
function portFlag(value: string | undefined): number {
  const port = numberFlag('port', value) ?? 4600
  // Digits only: Number() also reads "0x10" and "1e3", which no one means as a port.
  if (!Number.isInteger(port) || (value !== undefined && !/^\d+$/.test(value.trim())))
    throw new EmulatorError('invalid_config', `--port expects a whole number, got "${value}"`)
  if (port < 0 || port > 65_535)
    throw new EmulatorError('invalid_config', `port ${port} is out of range (0–65535; 0 picks a free one)`)
  return port
}

/** --webhook-format: only with --webhook-url, whose targets it formats; errors name the flags. */
function webhookFormatFlag(value: string | undefined, urls: string[]): WebhookFormat {
  if (value === undefined) return 'webhook'
  if (urls.length === 0)
    throw new EmulatorError(
      'invalid_config',
      '--webhook-format sets the format of --webhook-url targets, and there is none: add --webhook-url <url> (targets in a config file set their own "format")',
    )
  if (!(webhookFormats as readonly string[]).includes(value))
    throw new EmulatorError(
      'invalid_config',
      `--webhook-format expects ${webhookFormats.map((f) => `"${f}"`).join(' or ')}, got "${value}"`,
    )
  return value as WebhookFormat
}

/** `parse()`, its refusal naming the config file it came from (it named only the key). */
function inFile<T>(configPath: string | undefined, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (configPath === undefined || !(error instanceof EmulatorError)) throw error
    throw new EmulatorError(error.code, `${configPath}: ${error.message}`, error.field, error.detail)
  }
}

/** Flags override the config file, key by key. */
async function resolveConfig(
  values: Record<string, string | string[] | boolean | undefined>,
  configPath: string | undefined,
): Promise<EmulatorConfigInput> {
  const file = configPath ? ((await loadConfigFile(configPath)) as Record<string, unknown>) : {}
  const fromFile = inFile(configPath, () => parseConfig(file))
  const config: EmulatorConfigInput = { ...fromFile }
  const speed = numberFlag('speed', values.speed as string | undefined)
  const seed = numberFlag('seed', values.seed as string | undefined)
  if (speed !== undefined) config.speed = speed
  if (seed !== undefined) config.seed = seed
  if (typeof values.timezone === 'string') config.timeZone = values.timezone
  const urls = (values['webhook-url'] as string[] | undefined) ?? []
  const format = webhookFormatFlag(values['webhook-format'] as string | undefined, urls)
  if (urls.length > 0)
    config.webhooks = {
      ...fromFile.webhooks,
      targets: [...fromFile.webhooks.targets, ...urls.map((url) => ({ url, format }))],
    }
  parseConfig(config) // re-validate: flags can be wrong too
  return config
}

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('start', argv, options)
  if (values.help) {
    process.stdout.write(startUsage)
    return 0
  }
  const port = portFlag(values.port)
  const host = values.host ?? '127.0.0.1'
  const logFormat = values['log-format'] ?? 'pretty'
  if (logFormat !== 'pretty' && logFormat !== 'json')
    throw new EmulatorError('invalid_config', `--log-format expects "pretty" or "json", got "${logFormat}"`)
  if (values.quiet && values.verbose)
    throw new EmulatorError('invalid_config', '--quiet and --verbose contradict each other; pick one')
  // Listening for SIGINT/SIGTERM from here on: a signal while starting (a test or CI job that saw
  // the banner and stops it at once) stops it once started, instead of killing it half-way.
  const stopRequested = shutdownRequested({ exitWithParent: !values['outlive-parent'] })
  if (values['ready-file']) await prepareReadyFile(values['ready-file'])
  const configPath = values.config ?? findDefaultConfigFile()
  const config = parseConfig(await resolveConfig(values, configPath))
  // Everything printed to stdout once the banner is out goes through one writer, a write a turn
  // (batched-writer.ts); an error written to stderr first lets out what came before it.
  const stdout = createBatchedWriter(process.stdout)
  // A listener of ours that throws (the event log, the console's stream) is a bug to report, not a
  // reason to stop serving: said on stderr with its stack, and the emulator carries on.
  const onListenerError = (error: unknown) => {
    stdout.flush()
    process.stderr.write(
      `error: an event listener threw (the emulator carries on): ${error instanceof Error ? (error.stack ?? error.message) : describeThrown(error)}\n`,
    )
  }
  const emulator =
    config.isolation === 'service'
      ? createIsolatedEmulator({ config, clock: 'real', onListenerError })
      : createEmulator({ config, clock: 'real', onListenerError })
  const stateFilePath = values['state-file'] ?? emulator.config.stateFile
  if (values['fresh-state'] && !stateFilePath)
    throw new EmulatorError(
      'invalid_config',
      '--fresh-state needs a state file: add --state-file <path> (or "stateFile" in the config)',
    )
  const stateFile = stateFilePath
    ? await openStateFile(emulator, stateFilePath, { fresh: values['fresh-state'] ?? false })
    : undefined
  const controlToken = values['control-token']
  // This process is only the emulator: node-server's lighter Request/Response are safe here.
  const server = await startServer(emulator, { port, host, controlToken, overrideGlobalObjects: true }).catch(
    async (error: unknown) => {
      // Not started: the state file goes back (saved, unlocked), as if this run had never taken it.
      // Why the server did not start is the error to report, even if that save failed too.
      await stateFile?.close().catch(() => undefined)
      throw listenError(error, { port, host })
    },
  )
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.')
  if (!loopback && !controlToken) {
    process.stderr.write(
      `warning: listening on ${host} without --control-token: anyone who can reach this port can read and change the emulator's state\n`,
    )
  }
  const consoleQuery = [
    ...(isIsolatedEmulator(emulator) ? ['tenant=<key>'] : []),
    ...(controlToken ? [`token=${encodeURIComponent(controlToken)}`] : []),
  ]
  const consoleUrl = `${server.url}/_emulator/${consoleQuery.length ? `?${consoleQuery.join('&')}` : ''}`
  // The banner and the state file's line go out in one write: whoever reads the output for the
  // URL finds the whole start-up there at once.
  let startup = ''
  const log = createLifecycleLog(logFormat, { write: (text) => (startup += text) })
  announceStart(log, { url: server.url, consoleUrl, configPath, emulator })
  if (stateFile) {
    const { message, fields } = stateFileNotice(stateFile, emulator, values['fresh-state'] ?? false)
    log.info('state-file', message, fields)
  }
  process.stdout.write(startup)
  const flushOnExit = () => stdout.flush()
  process.on('exit', flushOnExit)
  attachEventLogger(emulator, {
    format: logFormat,
    verbosity: values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal',
    out: stdout,
  })
  if (values['ready-file']) await writeReadyFile(values['ready-file'], { url: server.url, pid: process.pid })

  const reason = await stopRequested
  await shutDown({
    reason,
    server,
    emulator,
    log: createLifecycleLog(logFormat, stdout),
    graceMs: shutdownGraceMs,
  })
  stdout.flush()
  process.off('exit', flushOnExit)
  let code = 0
  try {
    await stateFile?.close()
  } catch (error) {
    // The last changes are not on disk, and no one will try again: an exit code a supervisor sees.
    process.stderr.write(
      `webex-connect-emulator: the state file ${stateFile?.path} was not written at shutdown (${(error as Error).message}): the changes since its last write are lost\n`,
    )
    code = 1
  }
  if (values['ready-file']) await rm(values['ready-file'], { force: true })
  return code
}
