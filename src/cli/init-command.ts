/**
 * @module `webex-connect-emulator init`: writes a commented example config to start from.
 */
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { EmulatorError } from '../core/kernel/errors.js'
import { cannotWrite } from '../state/write-json-file.js'
import { exampleConfig, exampleConfigFileName } from './example-config.js'
import { isYamlPath } from './load-config-file.js'
import { parseFlags } from './parse-flags.js'
import { parseJsonc } from './parse-jsonc.js'

export const initUsage = `Usage: webex-connect-emulator init [file] [--force]

Writes a commented example config (default ${exampleConfigFileName}); \`start\` picks it up from the
working directory without --config.
`

/**
 * The example's values as YAML. Its comments are the JSONC file's; this one points there instead
 * of repeating them in a second copy to keep in step.
 */
async function exampleConfigYaml(): Promise<string> {
  const { $schema, ...values } = parseJsonc(exampleConfig) as Record<string, unknown>
  const { stringify } = await import('yaml')
  return `# yaml-language-server: $schema=${$schema}
# The example config as YAML: every value is a default or a harmless example. What each key does is
# explained in the commented ${exampleConfigFileName} (npx webex-connect-emulator init) and in
# docs/configuration.md.
${stringify(values)}`
}

export async function initCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseFlags(
    'init',
    argv,
    { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  )
  if (values.help) {
    out.write(initUsage)
    return 0
  }
  if (positionals.length > 1)
    throw new EmulatorError('invalid_config', `init takes one file name, got ${positionals.length}`)
  const path = resolve(positionals[0] ?? exampleConfigFileName)
  if (existsSync(path) && !values.force)
    throw new EmulatorError('invalid_config', `${path} already exists; pass --force to overwrite it`)
  // A .yaml or .yml name is read as YAML by `start`: JSONC written there did not load.
  const text = isYamlPath(path) ? await exampleConfigYaml() : exampleConfig
  await writeFile(path, text).catch((error: unknown) =>
    Promise.reject(
      cannotWrite('config file', path, error, 'Create the directory or make it writable, or name another file'),
    ),
  )
  out.write(
    `wrote ${path}\nstart the emulator with it: npx webex-connect-emulator start${positionals[0] ? ` --config ${positionals[0]}` : ''}\n`,
  )
  return 0
}
