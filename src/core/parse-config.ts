/**
 * @module Validates a config object (from a file, the CLI or code) into a resolved EmulatorConfig,
 * with errors that name the bad key.
 */
import { EmulatorError } from './kernel/errors.js'
import { configSchema, type EmulatorConfig } from './schemas/config.js'
import { formatPath } from './validate-send-request.js'

/** Keys that moved, by their old path: the error says where they went. */
const movedKeys: Record<string, string> = {
  'chaos.rateLimitPerSecond': 'rateLimit.perSecond',
}

function unknownKey(path: string): string {
  const moved = movedKeys[path]
  return moved ? `"${path}" moved: it is "${moved}" now` : `unknown key "${path}"`
}

/**
 * @example
 * parseConfig({ timeZone: 'Asia/Kolkata', sandbox: { enabled: true, verified: ['me@x.test'] } })
 */
export function parseConfig(input: unknown): EmulatorConfig {
  const parsed = configSchema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const key = formatPath(issue.path)
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => unknownKey(key ? `${key}.${k}` : k)).join(', ')
      : `${key || '(root)'}: ${issue.message}`
  })
  const first = parsed.error.issues[0]!
  throw new EmulatorError('invalid_config', `Invalid config: ${problems.join('; ')}`, formatPath(first.path))
}
