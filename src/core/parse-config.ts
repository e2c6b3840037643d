/**
 * @module Validates a config object (from a file, the CLI or code) into a resolved EmulatorConfig,
 * with errors that name the bad key.
 */
import { EmulatorError } from './errors.js'
import { configSchema, type EmulatorConfig } from './schemas/config.js'
import { formatPath } from './validate-send-request.js'

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
      ? `unknown key ${issue.keys.map((k) => `"${key ? `${key}.` : ''}${k}"`).join(', ')}`
      : `${key || '(root)'}: ${issue.message}`
  })
  const first = parsed.error.issues[0]!
  throw new EmulatorError('invalid_config', `Invalid config: ${problems.join('; ')}`, formatPath(first.path))
}
