/**
 * @module One start racing others for a state file's lock, as its own process. It answers lines on
 * stdin: `go` tries to take the lock (answering `held` or `refused <message>`), `release` gives it
 * back (answering `released`). It says `ready` once loaded, so the parent can start all at once.
 * Usage: lock-racer.ts <state file> [abstract-socket|file] (the takeover mutex; the platform's by default)
 */
import { createInterface } from 'node:readline'
import { lockFile, type TakeoverMutex } from '../../../src/state/lock-file.js'

const [path, takeover] = process.argv.slice(2) as [string, TakeoverMutex | undefined]
let release: (() => Promise<void>) | undefined
const say = (line: string) => process.stdout.write(`${line}\n`)

const lines = createInterface({ input: process.stdin })
say('ready')
for await (const line of lines) {
  if (line === 'go') {
    try {
      release = await lockFile(path, (holder) => new Error(`in use by process ${holder}`), { takeover })
      say('held')
    } catch (error) {
      say(`refused ${(error as Error).message}`)
    }
  } else if (line === 'release') {
    await release?.()
    release = undefined
    say('released')
  }
}
