/**
 * @module `<path>.lock`: one emulator per state file, so two never each overwrite what the other
 * saved. The lock holds its process's pid. It appears with the pid already in it: written aside,
 * then hard-linked into place, which fails if it exists (on a file system without hard links, it is
 * created exclusively and then written, so it is briefly empty). A lock whose process is gone
 * (killed with -9) is stale and taken over, and so is one naming this very pid that this process
 * does not hold: a restarted container runs as the same pid (often 1) as the one that left it.
 *
 * Taking over is the delicate part. Several starts may find the same stale lock at once, and one
 * that removes it after another has already replaced it with its own would remove a live lock, so
 * both would go on. So a stale lock is removed only under a takeover mutex, and read again there.
 * On Linux the mutex is a socket in the abstract namespace, which the kernel frees when its process
 * dies, so a start killed during a takeover leaves nothing behind. Elsewhere it is `<lock>.takeover`,
 * placed like the lock; one older than `staleTakeoverMs` is stale whoever it names (a takeover lasts
 * milliseconds; its pid may have been reused). Breaking a stale `.takeover` is the one step that two
 * starts racing at that very moment could both do, letting both take the lock: it needs a start
 * killed within a takeover's milliseconds, then two starts within one another's. Linux has no such gap.
 */
import { createHash } from 'node:crypto'
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { EmulatorError } from '../core/kernel/errors.js'
import { isRunning, tempPathFor } from './write-json-file.js'

/** How the takeover of a stale lock is kept to one start at a time. */
export type TakeoverMutex = 'abstract-socket' | 'file'

export interface LockFileOptions {
  /** Linux's abstract-namespace socket there, `<lock>.takeover` elsewhere. */
  takeover?: TakeoverMutex
}

/** A `.takeover` older than this is stale whoever it names. */
export const staleTakeoverMs = 10_000
/** An empty lock younger than this is being written (no hard links); older, a start killed then. */
const blankGraceMs = 2_000
/** How long a start waits on other starts' takeovers before it gives up. */
const busyForMs = 5_000

/** Locks this process holds, by their full path: a second emulator here on the same file is refused too. */
const heldHere = new Set<string>()

/**
 * Takes `<path>.lock` for this process, or throws `refuse(holder)` when a live process holds it.
 * Resolves with the function that gives it back (once, whatever calls it again).
 */
export async function lockFile(
  path: string,
  refuse: (holder: number) => Error,
  { takeover = process.platform === 'linux' ? 'abstract-socket' : 'file' }: LockFileOptions = {},
): Promise<() => Promise<void>> {
  const lock = resolve(`${path}.lock`)
  // Claimed before the first await: two opens in this process at once cannot both pass.
  if (heldHere.has(lock)) throw refuse(process.pid)
  heldHere.add(lock)
  try {
    await placeLock(lock, refuse, takeover)
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

async function placeLock(lock: string, refuse: (holder: number) => Error, mutex: TakeoverMutex): Promise<void> {
  // The aside a lock (or a `.takeover`) is linked from: a temp file of the lock's, which the next
  // start removes if a killed one left it (removeLeftoverTempFiles).
  const aside = tempPathFor(lock)
  const pid = String(process.pid)
  await writeFile(aside, pid)
  try {
    const giveUpAt = Date.now() + busyForMs
    for (;;) {
      if (await placeExclusive(aside, lock, pid)) return
      const holder = await readHolder(lock)
      if (holder.kind === 'gone') continue // removed since: try again at once
      if (holder.kind === 'pid' && isOtherLiveProcess(holder.pid)) throw refuse(holder.pid)
      // Stale, or being written (blank and young): removeStaleLock reads it again and tells.
      if (await removeStaleLock(lock, aside, refuse, mutex)) continue
      if (Date.now() > giveUpAt)
        throw new EmulatorError(
          'invalid_config',
          `Could not take ${lock}: other starts kept it busy for ${busyForMs / 1000} s${mutex === 'file' ? ` (if no other emulator is starting on this file, remove ${lock}.takeover)` : ''}`,
        )
      await new Promise((done) => setTimeout(done, 5))
    }
  } finally {
    await unlink(aside).catch(() => undefined)
  }
}

/**
 * Places `target` with the aside's content, exclusively: true when placed, false when it exists.
 * Without hard links (Linux answers EEXIST before EPERM there), it is created exclusively and written.
 */
async function placeExclusive(aside: string, target: string, content: string): Promise<boolean> {
  try {
    await link(aside, target)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
  }
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(target, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  return true
}

type Holder = { kind: 'gone' } | { kind: 'pid'; pid: number; ageMs: number } | { kind: 'blank'; ageMs: number }

/**
 * Who a lock (or `.takeover`) names. Empty or not a pid is `blank`, with its age; a file that cannot
 * be read is an error, never stale: a lock another user's emulator holds may be unreadable to us.
 */
async function readHolder(file: string): Promise<Holder> {
  let text: string
  let ageMs: number
  try {
    text = await readFile(file, 'utf8')
    ageMs = Date.now() - (await stat(file)).mtimeMs
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { kind: 'gone' }
    throw new EmulatorError(
      'invalid_config',
      `Cannot read ${file} to see whether another emulator holds it: ${(error as Error).message}`,
    )
  }
  const pid = Number(text.trim())
  return Number.isInteger(pid) && pid > 0 ? { kind: 'pid', pid, ageMs } : { kind: 'blank', ageMs }
}

/** A lock naming this very pid is one this process does not hold (see the module): it counts as stale. */
function isOtherLiveProcess(pid: number): boolean {
  return pid !== process.pid && isRunning(pid)
}

/**
 * Removes a stale lock under the takeover mutex, after reading it again there: true when the lock
 * is gone (removed, or by another start before us), false when another start holds the mutex or
 * the lock is being written. Under the mutex, no one else removes the lock, and it cannot be
 * replaced between the read and the removal (it is there, so no one can place another).
 */
async function removeStaleLock(
  lock: string,
  aside: string,
  refuse: (holder: number) => Error,
  mutex: TakeoverMutex,
): Promise<boolean> {
  // A sandbox that allows no sockets: the file, as elsewhere.
  const release =
    mutex === 'abstract-socket'
      ? await takeSocketMutex(lock).catch(() => takeFileMutex(lock, aside))
      : await takeFileMutex(lock, aside)
  if (!release) return false
  try {
    const holder = await readHolder(lock)
    if (holder.kind === 'gone') return true
    if (holder.kind === 'pid' && isOtherLiveProcess(holder.pid)) throw refuse(holder.pid)
    if (holder.kind === 'blank' && holder.ageMs < blankGraceMs) return false
    await unlink(lock).catch(() => undefined)
    return true
  } finally {
    await release()
  }
}

/** Linux: a socket name only one process can bind, freed by the kernel when it exits. Undefined when taken. */
async function takeSocketMutex(lock: string): Promise<(() => Promise<void>) | undefined> {
  const name = `\0webex-connect-emulator:${createHash('sha256').update(lock).digest('hex')}`
  const server = createServer()
  const bound = await new Promise<boolean>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? done(false) : fail(error)))
    server.listen(name, () => done(true))
  })
  if (!bound) return undefined
  server.unref()
  return () => new Promise<void>((done) => server.close(() => done()))
}

/** Elsewhere: `<lock>.takeover`, placed like the lock. Undefined when another start holds it. */
async function takeFileMutex(lock: string, aside: string): Promise<(() => Promise<void>) | undefined> {
  const takeover = `${lock}.takeover`
  if (await placeExclusive(aside, takeover, String(process.pid))) return () => unlink(takeover).catch(() => undefined)
  const holder = await readHolder(takeover)
  // Gone already is not stale: it may be replaced by now, by a takeover that must stay.
  if (holder.kind === 'gone') return undefined
  const stale =
    holder.ageMs > staleTakeoverMs ||
    (holder.kind === 'pid' ? !isOtherLiveProcess(holder.pid) : holder.ageMs > blankGraceMs)
  if (stale) await unlink(takeover).catch(() => undefined)
  return undefined
}
