/**
 * @module Durable state for the server (`--state-file`): the core exports and imports a snapshot;
 * this adapter owns the file. Writes are atomic (a temp file renamed over the old one), debounced
 * after each change and done once more on shutdown. A file that cannot be read back is an error
 * naming the file, never a silent loss; `--fresh-state` keeps a backup of it and starts empty.
 */
import { randomBytes } from 'node:crypto'
import { copyFile, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import type { EmulatorCore } from '../core/emulator.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'

/** Options of `openStateFile()`. */
export interface StateFileOptions {
  /** Ignore what the file holds (it is backed up to `<path>.bak` first) and start from the config. */
  fresh?: boolean
  /** Longest a change waits before it is written. */
  debounceMs?: number
  /** How many of the most recent messages are kept. */
  maxMessages?: number
}

/** An open state file: what was restored, and how to write it out. */
export interface StateFile {
  path: string
  /** What was restored: counts, or undefined when the file did not exist (or --fresh-state). */
  restored:
    | { messages: number; suppressed: number; unsubscribed: number; verified: number; rules: number; tenants?: number }
    | undefined
  /** Writes now, whatever is pending. */
  flush(): Promise<void>
  /** Stops listening for changes and writes one last time. */
  close(): Promise<void>
}

async function readSnapshot(path: string): Promise<unknown | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new EmulatorError('invalid_config', `Cannot read the state file ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `The state file ${path} is corrupt (${(error as Error).message}). Nothing was changed: fix or move it, or start with --fresh-state to begin empty (the old file is kept as ${path}.bak)`,
    )
  }
}

/** Writes `text` to `path` atomically: readers see the old file or the new one, never half of one. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, text, 'utf8')
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

/** What a restore brought back, summed over the tenants of an isolated emulator. */
function restoredCounts(emulator: EmulatorCore | IsolatedEmulator): NonNullable<StateFile['restored']> {
  const engines = isIsolatedEmulator(emulator) ? emulator.tenants().map((t) => emulator.find(t.name)!) : [emulator]
  const sum = (count: (engine: EmulatorCore) => number) => engines.reduce((total, engine) => total + count(engine), 0)
  return {
    messages: sum((e) => e.messages().length),
    suppressed: sum((e) => e.suppressed().length),
    unsubscribed: sum((e) => e.unsubscribed().length),
    verified: sum((e) => e.sandbox().verified.length),
    rules: sum((e) => e.rules().length),
    ...(isIsolatedEmulator(emulator) ? { tenants: engines.length } : {}),
  }
}

/**
 * Restores the emulator from `path` (when it exists) and keeps the file up to date from then on, so
 * lists, rules and recent messages survive a restart (what `--state-file` does). An isolated
 * emulator's file keeps every tenant's.
 * @example
 * import { createEmulator, openStateFile } from 'webex-connect-emulator'
 *
 * const emulator = createEmulator()
 * const state = await openStateFile(emulator, '.emulator-state.json')
 * // … on shutdown:
 * await state.close()
 */
export async function openStateFile(
  emulator: EmulatorCore | IsolatedEmulator,
  path: string,
  { fresh = false, debounceMs = 200, maxMessages = 1_000 }: StateFileOptions = {},
): Promise<StateFile> {
  let restored: StateFile['restored']
  if (fresh) {
    await copyFile(path, `${path}.bak`).catch(() => undefined)
  } else {
    const snapshot = await readSnapshot(path)
    if (snapshot !== undefined) {
      try {
        emulator.importState(snapshot)
      } catch (error) {
        throw new EmulatorError(
          'invalid_config',
          `The state file ${path} cannot be restored (${(error as Error).message}). Nothing was changed: fix or move it, or start with --fresh-state to begin empty (the old file is kept as ${path}.bak)`,
        )
      }
      restored = restoredCounts(emulator)
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()
  let closed = false

  const write = () => {
    clearTimeout(timer)
    timer = undefined
    const text = `${JSON.stringify(emulator.exportState({ maxMessages }))}\n`
    // One write at a time, in order, so an older snapshot never lands after a newer one.
    writing = writing
      .then(() => writeAtomically(path, text))
      .catch((error: unknown) => {
        process.stderr.write(
          `webex-connect-emulator: could not write the state file ${path}: ${(error as Error).message}\n`,
        )
      })
    return writing
  }
  const unsubscribe = emulator.subscribe((event) => {
    if (closed || event.type === 'attempt' || (event.type === 'state' && event.what === 'clock')) return
    timer ??= setTimeout(write, debounceMs)
  })
  await write()

  return {
    path,
    restored,
    flush: write,
    async close() {
      closed = true
      unsubscribe()
      await write()
    },
  }
}
