/**
 * @module Reads a file a user pointed us at (a config or a scenario), failing with an error that
 * names what it is, where, and why it could not be read.
 */
import { readFile } from 'node:fs/promises'
import { EmulatorError } from '../core/kernel/errors.js'

/**
 * A text without the byte-order mark editors on Windows put first (Notepad, PowerShell 5's
 * `Set-Content -Encoding UTF8`): invisible, and a JSON parser stops at it ("line 1, column 1").
 */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/** @param what e.g. "config file", as the error message should call it */
export async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return withoutBom(await readFile(path, 'utf8'))
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `Cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
  }
}
