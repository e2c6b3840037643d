import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'

const racer = join(import.meta.dirname, 'support/lock-racer.ts')
/** A pid no process has: what a start killed with -9 leaves in its lock. */
const gonePid = 99_999_999

interface Racer {
  child: ChildProcessWithoutNullStreams
  next: () => Promise<string>
}

function startRacer(path: string, takeover: string): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', racer, path, takeover], { stdio: 'pipe' })
  const waiting: Array<(line: string) => void> = []
  const lines: string[] = []
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  createInterface({ input: child.stdout }).on('line', (line) => {
    const taker = waiting.shift()
    if (taker) taker(line)
    else lines.push(line)
  })
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const line = lines.shift()
      if (line !== undefined) return resolve(line)
      const timer = setTimeout(() => reject(new Error(`racer ${child.pid} said nothing in 20 s: ${stderr}`)), 20_000)
      waiting.push((said) => {
        clearTimeout(timer)
        resolve(said)
      })
    })
  return { child, next }
}

const started: Racer[] = []
afterAll(() => {
  for (const { child } of started.splice(0)) child.kill('SIGKILL')
})

// The takeover of a stale lock is kept to one start at a time by a socket in Linux's abstract
// namespace, and by `<lock>.takeover` elsewhere (src/state/lock-file.ts): both are raced here.
describe.each(['abstract-socket', 'file'])(
  "the state file's lock, taken by starts at the same instant (takeover mutex: %s)",
  (takeover) => {
    it('goes to exactly one of them, over a lock a killed run left, and every other start is refused naming the holder', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wce-lock-'))
      const file = join(dir, 'state.json')
      const racers = Array.from({ length: 6 }, () => startRacer(file, takeover))
      started.push(...racers)
      for (const { next } of racers) expect(await next()).toBe('ready')

      // Each round starts from a stale lock, the case where every start tries to take it over at once.
      for (let round = 0; round < 8; round++) {
        writeFileSync(`${file}.lock`, String(gonePid))
        for (const { child } of racers) child.stdin.write('go\n')
        const said = await Promise.all(racers.map(({ next }) => next()))

        const holders = racers.filter((_, index) => said[index] === 'held')
        expect(holders, `round ${round}: ${said.join(' | ')}`).toHaveLength(1)
        const holder = holders[0]!.child.pid
        expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(holder))
        for (const line of said.filter((line) => line !== 'held'))
          expect(line, `round ${round}`).toBe(`refused in use by process ${holder}`)

        holders[0]!.child.stdin.write('release\n')
        expect(await holders[0]!.next()).toBe('released')
        // Nothing is left beside the state file: no lock, no moved-away lock, no temp file.
        expect(readdirSync(dir)).toEqual([])
      }
      for (const { child } of racers) child.stdin.end()
    }, 120_000)
  },
)
