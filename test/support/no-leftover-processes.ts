/**
 * @module A vitest globalSetup: no emulator process a test started may outlive the run. Setup marks
 * this run in the environment every test process and its children inherit; teardown looks for
 * processes of this machine still carrying the mark that are the CLI (`webex-connect-emulator …`,
 * through npx, the bin or the sources), gives them a few seconds to finish shutting down, then
 * kills the rest and fails the run naming them. Other checkouts and other runs carry other marks and
 * are never touched. Needs /proc (Linux); elsewhere it says it cannot look.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { isRunning } from './processes.js'

const markName = 'WEBEX_CONNECT_EMULATOR_TEST_RUN'
/** The CLI in any of its forms: npx's "npm exec …", the shell npx runs, the bin, the bundle, the sources. */
const cliCommand = /(^|[\s/'])webex-connect-emulator(\.js)?'?(\s|$)|cli-bundle\/main\.js(\s|$)|src\/cli\/main\.ts(\s|$)/
const settleMs = 5_000

interface Leftover {
  pid: number
  command: string
}

function leftovers(mark: string): Leftover[] {
  const found: Leftover[] = []
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${markName}=${mark}`)) continue
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      if (cliCommand.test(command) && isRunning(pid)) found.push({ pid, command })
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found
}

export default function setup(): () => Promise<void> {
  const mark = randomUUID()
  process.env[markName] = mark
  return async function teardown() {
    let canLook = true
    try {
      readdirSync('/proc')
    } catch {
      canLook = false
    }
    if (!canLook) {
      process.stderr.write(
        'no-leftover-processes: no /proc on this system, so leftover emulators were not looked for\n',
      )
      return
    }
    // A test may have signalled one without awaiting its exit: let shutdowns finish first.
    const deadline = Date.now() + settleMs
    let left = leftovers(mark)
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      left = leftovers(mark)
    }
    if (left.length === 0) return
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    process.stderr.write(
      `\nFAIL: ${left.length} emulator process(es) started by this test run outlived it (now killed):\n${left
        .map(({ pid, command }) => `  ${pid}  ${command}`)
        .join(
          '\n',
        )}\nA test starts a process and does not stop it; stop it in afterAll/afterEach and await its exit.\n\n`,
    )
    process.exitCode = 1
  }
}
