/**
 * The state file's lock in the cases a race test cannot reach: a file system without hard links, a
 * lock this user cannot read, and a `.takeover` left by a start killed during a takeover. The file
 * system's answers are node's own; where one is emulated (`link` as vfat answers it, a read refused
 * with EACCES, which root never gets), `node:fs/promises` is wrapped and the rest passes through.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { link, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lockFile, staleTakeoverMs } from '../../src/state/lock-file.js'

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return { ...actual, link: vi.fn(actual.link), readFile: vi.fn(actual.readFile) }
})
afterEach(() => {
  vi.mocked(link).mockRestore()
  vi.mocked(readFile).mockRestore()
})

/** A pid no process has: what a start killed with -9 leaves in its lock. */
const gonePid = 99_999_999
const refuse = (holder: number) => new Error(`in use by process ${holder}`)
const errno = (code: string) => Object.assign(new Error(`${code}: emulated`), { code })

function stateFile() {
  const dir = mkdtempSync(join(tmpdir(), 'wce-lock-'))
  return { dir, file: join(dir, 'state.json'), lock: join(dir, 'state.json.lock') }
}

/** Linux refuses a hard link on vfat or exFAT with EPERM, but checks the new name first: EEXIST when it exists. */
function withoutHardLinks() {
  vi.mocked(link).mockImplementation(async (_from, to) => {
    throw errno(existsSync(String(to)) ? 'EEXIST' : 'EPERM')
  })
}

describe.each(['abstract-socket', 'file'] as const)('the state file lock (takeover mutex: %s)', (takeover) => {
  it('takes over a stale lock on a file system without hard links, and gives it back', async () => {
    const { dir, file, lock } = stateFile()
    writeFileSync(lock, String(gonePid))
    withoutHardLinks()
    const release = await lockFile(file, refuse, { takeover })
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
    await release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a lock a live process holds, on either kind of file system', async () => {
    for (const hardLinks of [true, false]) {
      const { lock, file } = stateFile()
      writeFileSync(lock, String(process.ppid))
      if (!hardLinks) withoutHardLinks()
      await expect(lockFile(file, refuse, { takeover })).rejects.toThrow(`in use by process ${process.ppid}`)
      expect(readFileSync(lock, 'utf8')).toBe(String(process.ppid))
    }
  })

  it("says it cannot read a lock it may not read, and leaves it: it may be another user's emulator", async () => {
    const { file, lock } = stateFile()
    writeFileSync(lock, String(gonePid))
    const actual = vi.mocked(readFile).getMockImplementation()!
    vi.mocked(readFile).mockImplementation(async (path, options) => {
      if (String(path) === lock) throw errno('EACCES')
      return actual(path, options)
    })
    await expect(lockFile(file, refuse, { takeover })).rejects.toThrow(
      `Cannot read ${lock} to see whether another emulator holds it: EACCES`,
    )
    expect(existsSync(lock)).toBe(true)
  })
})

describe('the state file lock where the takeover mutex is a file (not Linux)', () => {
  it('breaks a .takeover whose start is gone, and one too old to be a takeover still running whoever it names', async () => {
    for (const [holder, ageMs] of [
      [gonePid, 0],
      [process.ppid, staleTakeoverMs + 60_000], // a live pid: reused since, as containers do
    ]) {
      const { dir, file, lock } = stateFile()
      writeFileSync(lock, String(gonePid))
      writeFileSync(`${lock}.takeover`, String(holder))
      const then = (Date.now() - ageMs!) / 1000
      utimesSync(`${lock}.takeover`, then, then)
      const release = await lockFile(file, refuse, { takeover: 'file' })
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
      await release()
      expect(readdirSync(dir)).toEqual([])
    }
  })

  it('waits on a live takeover, then gives up naming the file to remove', async () => {
    const { file, lock } = stateFile()
    writeFileSync(lock, String(gonePid))
    writeFileSync(`${lock}.takeover`, String(process.ppid))
    await expect(lockFile(file, refuse, { takeover: 'file' })).rejects.toThrow(
      `other starts kept it busy for 5 s (if no other emulator is starting on this file, remove ${lock}.takeover)`,
    )
  }, 20_000)
})
