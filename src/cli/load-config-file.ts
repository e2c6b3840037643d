/**
 * @module Reads a config file — JSON, JSON with comments (.jsonc, or comments in .json) or YAML —
 * with errors that say which file, what is wrong in it and at which line and column. Without --config, `start` uses the first
 * of {@link defaultConfigFiles} found in the working directory.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { EmulatorError } from '../core/kernel/errors.js'
import { readUserFile } from '../runtime/read-user-file.js'
import { parseJsonc } from './parse-jsonc.js'

export const defaultConfigFiles = [
  'webex-connect-emulator.jsonc',
  'webex-connect-emulator.json',
  'webex-connect-emulator.yaml',
  'webex-connect-emulator.yml',
]

export function findDefaultConfigFile(dir = process.cwd()): string | undefined {
  return defaultConfigFiles.map((name) => resolve(dir, name)).find((path) => existsSync(path))
}

/** Whether a config file is read (and `init` writes it) as YAML: by its name, .yaml or .yml. */
export const isYamlPath = (path: string): boolean => /\.ya?ml$/i.test(path)

export async function loadConfigFile(path: string): Promise<unknown> {
  const text = await readUserFile(path, 'config file')
  const yaml = isYamlPath(path)
  try {
    // yaml is loaded only for YAML files: it is a tenth of start-up otherwise.
    return yaml ? ((await import('yaml')).parse(text) ?? {}) : parseJsonc(text)
  } catch (error) {
    // A stack overflow is no syntax error: the file is valid, only nested past what can be read.
    // (The YAML parser reports the overflow as a parse error of its own, with the same words.)
    const overflow = error instanceof RangeError || /Maximum call stack size exceeded/.test((error as Error).message)
    const why = overflow
      ? 'is nested too deeply to read (a config is a few levels deep)'
      : `is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`
    throw new EmulatorError('invalid_config', `Config file ${path} ${why}`)
  }
}
