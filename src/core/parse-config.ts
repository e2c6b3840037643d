/**
 * @module Validates a config object (from a file, the CLI or code) into a resolved EmulatorConfig,
 * with errors that name the bad key — every problem, each with its path, and "did you mean" for a
 * misspelt key at any depth.
 */
import { legacyConfigKeys } from './channels/registry.js'
import { didYouMean } from './kernel/did-you-mean.js'
import { EmulatorError } from './kernel/errors.js'
import { formatPath, issueMessage, knownKeysAt } from './kernel/zod-issues.js'
import { configFileSchema, configSchema, type EmulatorConfig } from './schemas/config.js'

/** Keys that moved, by their old path: the error says where they went (a Map: paths are user text). */
const movedKeys = new Map([['chaos.rateLimitPerSecond', 'rateLimit.perSecond']])

function unknownKey(path: readonly PropertyKey[], key: string): string {
  const full = formatPath([...path, key])
  const moved = movedKeys.get(full)
  if (moved) return `"${full}" moved: it is "${moved}" now`
  const channel = path.length === 0 ? legacyConfigKeys.get(key) : undefined
  if (channel) return `"${key}" is set both at the top and as "${channel}.${key}": keep the one in "${channel}"`
  return `unknown key "${full}"${didYouMean(key, knownKeysAt(configFileSchema, path))}`
}

/** Configs this module parsed: passing one on (CLI → runtime → engine) does not parse it again. */
const parsedConfigs = new WeakSet<object>()

/** Whether `config` came out of `parseConfig()` (so it needs no parsing again). */
function isParsedConfig(config: unknown): config is EmulatorConfig {
  return typeof config === 'object' && config !== null && parsedConfigs.has(config)
}

/**
 * @example
 * parseConfig({ timeZone: 'Asia/Kolkata', webhooks: { retries: 1 } })
 */
export function parseConfig(input: unknown): EmulatorConfig {
  if (isParsedConfig(input)) return input
  const parsed = configSchema.safeParse(input ?? {}, { jitless: true }) // parsed once: not worth zod generating parsers
  if (parsed.success) {
    parsedConfigs.add(parsed.data)
    return parsed.data
  }
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => unknownKey(issue.path, k)).join(', ')
      : `${formatPath(issue.path) || '(root)'}: ${issueMessage(issue)}`,
  )
  const first = parsed.error.issues[0]!
  throw new EmulatorError('invalid_config', `Invalid config: ${problems.join('; ')}`, formatPath(first.path))
}
