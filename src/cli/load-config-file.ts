/**
 * @module Reads a JSON config file, with errors that say which file and what is wrong in it.
 */
import { readFile } from 'node:fs/promises'
import { EmulatorError } from '../core/errors.js'

export async function loadConfigFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new EmulatorError('invalid_config', `Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new EmulatorError('invalid_config', `Config file ${path} is not valid JSON: ${(error as Error).message}`)
  }
}
