/**
 * @module What `start` says once it listens: where to send mail, the console, the control API, the
 * config in force and the webhook targets (one JSON record with --log-format json).
 */
import type { Emulator } from '../runtime/create-emulator.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import type { LifecycleLog } from './lifecycle-log.js'

/** What a client must send to be let in, as the banner says it. */
function keyHint(config: {
  serviceKeys: string[]
  services: { key?: string | undefined; secret?: string | undefined }[]
}): string {
  const keys = [...config.serviceKeys, ...config.services.flatMap((s) => (s.key ? [s.key] : []))]
  if (keys.length === 0 && !config.services.some((s) => s.secret)) return 'header "key: <any key>"'
  return `header "key: <one of the ${keys.length} configured keys>"${config.services.some((s) => s.secret) ? ' or a JWT signed with a service secret' : ''}`
}

export function announceStart(
  log: LifecycleLog,
  {
    url,
    consoleUrl,
    configPath,
    emulator,
  }: { url: string; consoleUrl: string; configPath: string | undefined; emulator: Emulator | IsolatedEmulator },
): void {
  // Every tenant of an isolated emulator starts with the configured targets; its front holds them too.
  const configured = isIsolatedEmulator(emulator) ? emulator.front : emulator
  const isolation = isIsolatedEmulator(emulator)
    ? `  isolation:   each service key is its own tenant (up to ${emulator.config.limits.maxTenants} alive); name it on the control API with "x-emulator-tenant: <key>" or ?tenant=<key>\n`
    : ''
  const targets =
    configured
      .targets()
      .map((t) => `  → ${t.url} (${t.format})`)
      .join('\n') || '  (none: add --webhook-url, or send notifyUrl with each request)'
  log.info(
    'listening',
    `listening on ${url}`,
    {
      url,
      pid: process.pid,
      console: consoleUrl,
      config: configPath ?? null,
      targets: configured.targets().map((t) => t.url),
      ...(isIsolatedEmulator(emulator) ? { isolation: 'service', maxTenants: emulator.config.limits.maxTenants } : {}),
    },
    `webex-connect-emulator listening on ${url}\n` +
      `  send mail:   POST ${url}/v2/messages   (${keyHint(emulator.config)})\n` +
      `  console:     ${consoleUrl}\n` +
      `  control API: ${url}/_emulator (OpenAPI: ${url}/_emulator/openapi.json)\n` +
      `  config ${configPath ?? '(built-in defaults)'}, time zone ${emulator.config.timeZone}, speed x${emulator.config.speed}\n` +
      isolation +
      `webhook targets:\n${targets}\n`,
  )
}
