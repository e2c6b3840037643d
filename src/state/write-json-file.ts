/**
 * @module Writes a JSON document atomically (a temp file renamed over the old one: readers see the
 * old file or the new one, never half of one), serialising it a piece at a time. A large state
 * then never blocks the event loop for long, nor sits in memory as one string. Also owns the temp
 * files' names, so a start can find what a writer killed mid-write left behind.
 */
import { randomBytes } from 'node:crypto'
import { type FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { EmulatorError } from '../core/kernel/errors.js'

/** About this much serialised text goes to the file at a time; each hand-over lets the event loop run. */
const pieceChars = 256 * 1024

/** `<path>.<pid>.<8 hex>.tmp`: the pid says whose it was (a state file's writes, its lock's asides). */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

/**
 * What `JSON.stringify(value)` gives, plus a newline, in pieces of about `pieceChars`: a top-level array (the
 * messages) is serialised element by element, each when its piece is asked for.
 * @example
 * [...jsonPieces({ a: 1, list: [1, 2] })].join('') // '{"a":1,"list":[1,2]}\n'
 */
export function* jsonPieces(value: Record<string, unknown>): Generator<string> {
  let buffer = '{'
  let separator = ''
  for (const [key, member] of Object.entries(value)) {
    const name = `${separator}${JSON.stringify(key)}:`
    if (!Array.isArray(member)) {
      const text = JSON.stringify(member)
      if (text === undefined) continue // undefined and functions are left out, as JSON.stringify does
      buffer += `${name}${text}`
      separator = ','
      continue
    }
    buffer += `${name}[`
    separator = ','
    for (let i = 0; i < member.length; i++) {
      buffer += `${i === 0 ? '' : ','}${JSON.stringify(member[i]) ?? 'null'}`
      if (buffer.length >= pieceChars) {
        yield buffer
        buffer = ''
      }
    }
    buffer += ']'
  }
  yield `${buffer}}\n`
}

/** Writes `value` as JSON to `path` atomically, a piece at a time (see `jsonPieces`). */
export async function writeJsonAtomically(path: string, value: Record<string, unknown>): Promise<void> {
  const temp = tempPathFor(path)
  let handle: FileHandle | undefined
  try {
    handle = await open(temp, 'w')
    for (const piece of jsonPieces(value)) await handle.write(piece)
    await handle.close()
    handle = undefined
    await rename(temp, path)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

/** Why a file cannot be written in its directory, in words, by the system's error code. */
const unwritable: Record<string, (dir: string) => string> = {
  ENOENT: (dir) => `the directory ${dir} does not exist`,
  ENOTDIR: (dir) => `${dir} is not a directory`,
  EACCES: (dir) => `no permission to write in ${dir}`,
  EPERM: (dir) => `no permission to write in ${dir}`,
  EROFS: (dir) => `${dir} is on a read-only file system`,
  EISDIR: () => 'it is a directory',
}

/** What went wrong writing `path`: the reason in words when the code is a known one, else the error's message. */
function whyUnwritable(path: string, error: unknown): string {
  const reason = unwritable[(error as NodeJS.ErrnoException).code ?? '']
  return reason ? reason(dirname(path)) : (error as Error).message
}

/** A refusal naming the file, why it cannot be written, and what to do (exit 2 from the CLI, one line). */
export function cannotWrite(what: string, path: string, error: unknown, advice: string): EmulatorError {
  return new EmulatorError(
    'invalid_config',
    `Cannot write the ${what} ${path}: ${whyUnwritable(path, error)}. ${advice}`,
  )
}

/**
 * Creates and removes a temp file next to `path`: throws the system's reason when `path` cannot be
 * written. A directory at `path` is refused too: the directory it is in takes files, so the probe
 * passed and the rename over it failed later — after a server had started, or every scenario run.
 */
export async function probeWritable(path: string): Promise<void> {
  if ((await stat(path).catch(() => undefined))?.isDirectory())
    throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' })
  const temp = tempPathFor(path)
  await (await open(temp, 'wx')).close()
  await unlink(temp)
}

/** Whether a process runs with this pid (someone else's counts). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, someone else's
  }
}

/**
 * Removes the temp files writers of `path` left when killed mid-write (`kill -9` during a write),
 * skipping those of a process still running. Returns how many were removed.
 */
export async function removeLeftoverTempFiles(path: string): Promise<number> {
  let entries: string[]
  try {
    entries = await readdir(dirname(path))
  } catch {
    return 0 // no directory: nothing left over (and the write check says what is wrong)
  }
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // Temp files of the state file's writes, and the asides its lock is linked from (lock-file.ts).
  const pattern = new RegExp(`^${name}(?:\\.lock)?\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`)
  let removed = 0
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1] ?? 0)
    // Our own pid cannot have written yet: a leftover with it is from an earlier run (containers reuse pids).
    if (pid === 0 || (pid !== process.pid && isRunning(pid))) continue
    await unlink(join(dirname(path), entry)).then(
      () => removed++,
      () => undefined,
    )
  }
  return removed
}
