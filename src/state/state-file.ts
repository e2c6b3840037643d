/**
 * @module Durable state for the server (`--state-file`): the core exports and imports a snapshot;
 * this adapter owns the file. Writes are atomic and serialised a piece at a time
 * (write-json-file.ts), coalesced so at most one is in flight (coalescing-writer.ts), and made once
 * more on shutdown. At open it refuses a location it cannot write, removes temp files a killed
 * writer left, and restores the file: one that cannot be read back is an error naming it, never a
 * silent loss; `--fresh-state` keeps a backup of it and starts empty.
 */
import { copyFile, readFile, readlink, realpath } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { type EmulatorCore, hostOf } from '../core/emulator.js'
import { isSteppable } from '../core/kernel/clock.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { isRepresentableTime } from '../core/kernel/time-bounds.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import { withoutBom } from '../runtime/read-user-file.js'
import { createCoalescingWriter } from './coalescing-writer.js'
import { lockFile } from './lock-file.js'
import { cannotWrite, probeWritable, removeLeftoverTempFiles, writeJsonAtomically } from './write-json-file.js'

/** Options of `openStateFile()`. */
export interface StateFileOptions {
  /** Ignore what the file holds (it is backed up to `<path>.bak` first) and start from the config. */
  fresh?: boolean
  /** Quiet time after a change before it is written (200 ms). */
  debounceMs?: number
  /** Longest a change waits for its write to start while changes keep coming (1 s). */
  maxDelayMs?: number
  /** How many of the most recent messages are kept. */
  maxMessages?: number
}

/** An open state file: what was restored, and how to write it out. */
export interface StateFile {
  /** The path as given; through a symlink, the file is read, written and locked where it points. */
  path: string
  /** What was restored: counts, or undefined when the file did not exist (or --fresh-state). */
  restored:
    | {
        messages: number
        suppressed: number
        unsubscribed: number
        verified: number
        rules: number
        /** With isolation "service": how many tenants came back (the counts are their sums). */
        tenants?: number
      }
    | undefined
  /** Temp files of writers killed mid-write (`kill -9`), removed at open. */
  removedTempFiles: number
  /** With `fresh`: where the old file was kept (`<path>.bak`); undefined when it held nothing to keep. */
  backup: string | undefined
  /** Waits for the write in flight, then writes whatever changed since it started. */
  flush(): Promise<void>
  /**
   * Stops listening for changes and writes one last time. Rejects when that write fails: the
   * changes since the last good write are then lost (the lock is released all the same).
   */
  close(): Promise<void>
}

/** A snapshot's text with the keys every save changes left out: what it holds, to compare. */
const contentOf = (snapshot: unknown) =>
  JSON.stringify(snapshot, (key, value) => (key === 'savedAt' || key === 'generation' ? undefined : value))

/**
 * `--fresh-state`: keeps the old file as `<path>.bak` before it is started over — unless it holds
 * nothing the emulator would not start with anyway (a `--fresh-state` run that did nothing), so a
 * second `--fresh-state` never replaces the backup of the last file worth keeping. A backup that
 * fails stops the start: the old file is not overwritten unkept.
 */
async function backUp(path: string, emulator: EmulatorCore | IsolatedEmulator): Promise<string | undefined> {
  const text = await readStateText(path)
  if (text === undefined) return undefined
  try {
    if (contentOf(JSON.parse(text)) === contentOf(emulator.exportState())) return undefined
  } catch {
    // Not JSON: kept, whatever it is.
  }
  const backup = `${path}.bak`
  await copyFile(path, backup).catch((error: unknown) => {
    throw cannotWrite(
      'backup of the state file',
      backup,
      error,
      'Nothing was changed: make its directory writable, or move the state file away yourself',
    )
  })
  return backup
}

/** The state file's text (a byte-order mark dropped), or undefined when there is none yet. */
async function readStateText(path: string): Promise<string | undefined> {
  try {
    return withoutBom(await readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new EmulatorError('invalid_config', `Cannot read the state file ${path}: ${(error as Error).message}`)
  }
}

async function readSnapshot(path: string): Promise<unknown | undefined> {
  const text = await readStateText(path)
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `The state file ${path} is corrupt (${(error as Error).message}). Nothing was changed: fix or move it, or start with --fresh-state to begin empty (the old file is kept as ${path}.bak)`,
    )
  }
}

function cannotWriteState(path: string, error: unknown): EmulatorError {
  return cannotWrite(
    'state file',
    path,
    error,
    'Create the directory or make it writable, or choose another --state-file (or "stateFile" in the config)',
  )
}

/**
 * Emulated time does not run backwards across a restart: with `--speed` (or time skipped by hand)
 * it ran ahead of the wall clock, and resumes from the snapshot's `savedAt` if that is later.
 */
function resumeClock(emulator: EmulatorCore, snapshot: unknown): void {
  const savedAt = (snapshot as { savedAt?: unknown } | null)?.savedAt
  const { clock } = hostOf(emulator)
  // Out of range, it is not moved to: the import that follows refuses the file, naming savedAt.
  if (typeof savedAt === 'number' && isRepresentableTime(savedAt) && isSteppable(clock)) clock.moveTo(savedAt)
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
 * The file a state path names, through symlinks to it or to its directory: a write then replaces
 * the file itself rather than the link (which became a file of its own, and a volume behind the
 * link never saw a change), and every path to one file takes the same lock (helper-42). A path not
 * there yet is its directory's real path and its name; a dangling link, where it points.
 */
async function realFile(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || hops > 32) return path
  }
  const target = await readlink(path).catch(() => undefined)
  if (target !== undefined) return realFile(resolve(dirname(path), target), hops + 1)
  const directory = await realpath(dirname(path)).catch(() => undefined)
  return directory === undefined ? path : join(directory, basename(path))
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
  given: string,
  { fresh = false, debounceMs = 200, maxDelayMs = 1_000, maxMessages = 1_000 }: StateFileOptions = {},
): Promise<StateFile> {
  const path = await realFile(given)
  const removedTempFiles = await removeLeftoverTempFiles(path)
  await probeWritable(path).catch((error: unknown) => {
    throw cannotWriteState(path, error)
  })
  const unlock = await lockFile(
    path,
    (holder) =>
      new EmulatorError(
        'invalid_config',
        `The state file ${path} is in use by process ${holder} (see ${path}.lock): two emulators on one file would each overwrite what the other saved. Stop that one, or give this one another --state-file`,
      ),
  )
  try {
    const opened = await openLocked(
      emulator,
      path,
      { fresh, debounceMs, maxDelayMs, maxMessages },
      removedTempFiles,
      unlock,
    )
    // Named as given: the messages about reading and writing name the file itself, past any link.
    return { ...opened, path: given }
  } catch (error) {
    await unlock()
    throw error
  }
}

async function openLocked(
  emulator: EmulatorCore | IsolatedEmulator,
  path: string,
  { fresh, debounceMs, maxDelayMs, maxMessages }: Required<StateFileOptions>,
  removedTempFiles: number,
  unlock: () => Promise<void>,
): Promise<StateFile> {
  let restored: StateFile['restored']
  let backup: string | undefined
  if (fresh) {
    backup = await backUp(path, emulator)
  } else {
    const snapshot = await readSnapshot(path)
    if (snapshot !== undefined) {
      try {
        // Each tenant of an isolated emulator has a clock of its own, resumed as its state goes in.
        if (isIsolatedEmulator(emulator)) emulator.importState(snapshot, resumeClock)
        else {
          resumeClock(emulator, snapshot)
          emulator.importState(snapshot)
        }
      } catch (error) {
        throw new EmulatorError(
          'invalid_config',
          `The state file ${path} cannot be restored (${(error as Error).message}). Nothing was changed: fix or move it, or start with --fresh-state to begin empty (the old file is kept as ${path}.bak)`,
        )
      }
      restored = restoredCounts(emulator)
    }
  }

  let failing: string | undefined
  const writer = createCoalescingWriter({
    write: () => writeJsonAtomically(path, emulator.exportState({ maxMessages })),
    debounceMs,
    maxDelayMs,
    onError(error) {
      // Said once per kind of failure: Node's message names the temp file, new at each try, so the
      // error's code and call are what stay the same while the cause does.
      const { code, syscall, message } = error as NodeJS.ErrnoException
      const kind = code ? `${code} ${syscall ?? ''}` : message
      if (kind !== failing)
        process.stderr.write(
          `webex-connect-emulator: could not write the state file ${path}: ${message} (trying again every ${maxDelayMs} ms)\n`,
        )
      failing = kind
    },
    onWritten() {
      if (failing) process.stderr.write(`webex-connect-emulator: the state file ${path} is written again\n`)
      failing = undefined
    },
  })
  const unsubscribe = emulator.subscribe((event) => {
    if (event.type === 'attempt' || (event.type === 'state' && event.what === 'clock')) return
    writer.changed()
  })
  // The file gets this run's generation (restored ids are not reissued after another restart). A
  // restored file already holds everything else: rewriting it need not hold up the start.
  writer.changed()
  if (!restored) await writer.flush()

  return {
    path,
    restored,
    removedTempFiles,
    backup,
    flush: () => writer.flush(),
    async close() {
      unsubscribe()
      try {
        await writer.close()
      } finally {
        await unlock()
      }
    },
  }
}
