/**
 * @module Reads a file a user pointed us at (a config or a scenario), failing with an error that
 * names what it is, where, and why it could not be read.
 */
import { readFile } from 'node:fs/promises'
import { EmulatorError } from '../core/kernel/errors.js'

/** @param what e.g. "config file", as the error message should call it */
export async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `Cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
  }
}
