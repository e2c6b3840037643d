/**
 * @module Writes a JSON document atomically (a temp file renamed over the old one: readers see the
 * old file or the new one, never half of one), serialising it a piece at a time. A large state
 * then never blocks the event loop for long, nor sits in memory as one string. Also owns the temp
 * files' names, so a start can find what a writer killed mid-write left behind.
 */
import { randomBytes } from 'node:crypto'
import { type FileHandle, link, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { EmulatorError } from '../core/kernel/errors.js'

/** About this much serialised text goes to the file at a time; each hand-over lets the event loop run. */
const pieceChars = 256 * 1024

/** `<path>.<pid>.<8 hex>.tmp`: the pid says whose it was. */
function tempPathFor(path: string): string {
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

/** Creates and removes a temp file next to `path`: throws the system's reason when `path` cannot be written. */
export async function probeWritable(path: string): Promise<void> {
  const temp = tempPathFor(path)
  await (await open(temp, 'wx')).close()
  await unlink(temp)
}

/** Locks this process holds, by their full path: a second emulator here on the same file is refused too. */
const heldHere = new Set<string>()

/**
 * Takes `<path>.lock` for this process (its pid inside), so two emulators never write one state
 * file, each overwriting what the other saved. The lock appears with its pid already in it (written
 * aside, then hard-linked into place, which fails if it exists), so no one ever reads it empty. A
 * lock whose process is gone (killed with -9) is taken over, and so is one naming this very pid
 * that this process does not hold: a container restarted runs as the same pid (often 1) as the one
 * that left it. Resolves with the function that gives it back (once, whatever calls it again).
 */
export async function lockFile(path: string, refuse: (holder: number) => Error): Promise<() => Promise<void>> {
  const lock = resolve(`${path}.lock`)
  // Claimed before the first await: two opens in this process at once cannot both pass.
  if (heldHere.has(lock)) throw refuse(process.pid)
  heldHere.add(lock)
  try {
    await placeLock(lock, refuse)
  } catch (error) {
    heldHere.delete(lock)
    throw error
  }
  let held = true
  return async () => {
    if (!held) return
    held = false
    heldHere.delete(lock)
    await unlink(lock).catch(() => undefined)
  }
}

async function placeLock(lock: string, refuse: (holder: number) => Error): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(aside, String(process.pid))
  try {
    // A round places the lock, refuses in favour of a live holder, or finds a stale lock that
    // another start is taking over and waits a moment for it to finish (a few ms).
    for (let round = 0; round < 200; round++) {
      try {
        await link(aside, lock)
        return
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        // A file system without hard links: created exclusively, then written (a brief empty lock).
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
          const handle = await open(lock, 'wx')
          await handle.writeFile(String(process.pid))
          await handle.close()
          return
        }
        if (code !== 'EEXIST') throw error
      }
      const holder = await holderOf(lock)
      if (holder === undefined) continue // removed since: try again
      if (isOtherLiveProcess(holder)) throw refuse(holder)
      if (!(await removeStaleLock(lock, aside, refuse))) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    throw new Error(`Could not take ${lock}: other starts kept it busy. Start one emulator on this state file`)
  } finally {
    await unlink(aside).catch(() => undefined)
  }
}

/**
 * Removes a lock left by a process that is gone, holding `<lock>.takeover` while it does. Two starts
 * that both read the stale lock must not both remove it: the second would remove the lock the first
 * has just placed, and both would go on. Under the takeover lock the lock is read again before it
 * goes, and no one else removes it meanwhile. Answers false when another start holds the takeover.
 * A takeover lock whose process is gone (killed within those few microseconds) is removed; that is
 * the one case left where two racing starts could both take the lock.
 */
async function removeStaleLock(lock: string, aside: string, refuse: (holder: number) => Error): Promise<boolean> {
  const takeover = `${lock}.takeover`
  try {
    await link(aside, takeover)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    // One gone already is not stale: it may be replaced by now, by a takeover that must stay.
    const holder = await holderOf(takeover)
    if (holder !== undefined && !isOtherLiveProcess(holder)) await unlink(takeover).catch(() => undefined)
    return false
  }
  try {
    const holder = await holderOf(lock)
    // Gone: removed by the takeover before ours, and another start may place its lock any moment.
    if (holder === undefined) return true
    if (isOtherLiveProcess(holder)) throw refuse(holder)
    await unlink(lock).catch(() => undefined)
    return true
  } finally {
    await unlink(takeover).catch(() => undefined)
  }
}

/** The pid written in a lock file: undefined when there is no such file, NaN when it is empty or unreadable. */
async function holderOf(lock: string): Promise<number | undefined> {
  try {
    return Number((await readFile(lock, 'utf8')).trim() || Number.NaN)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Number.NaN
  }
}

/** A lock naming this very pid is one this process does not hold (see lockFile): it counts as stale. */
function isOtherLiveProcess(pid: number | undefined): pid is number {
  return pid !== undefined && Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)
}

function isRunning(pid: number): boolean {
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
  const pattern = new RegExp(`^${name}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`)
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
