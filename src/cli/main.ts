#!/usr/bin/env node
/**
 * @module The CLI entry: `webex-connect-emulator <command> [options]`.
 */
import { EmulatorError } from '../core/kernel/errors.js'
import { packageVersion } from '../http/package-version.js'
import { closestName } from './closest-name.js'
import { startUsage } from './start-usage.js'

// Each command is loaded when it runs, so `start` does not pay for the scenario runner and so on.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  start: async () => (await import('./start-command.js')).startCommand,
  run: async () => (await import('./run-command.js')).runCommand,
  wait: async () => (await import('./wait-command.js')).waitCommand,
  init: async () => (await import('./init-command.js')).initCommand,
  version: async () => async () => {
    process.stdout.write(`${packageVersion}\n`)
    return 0
  },
}

const usage = `Usage: webex-connect-emulator <command> [options]

Commands:
  start     Run the emulator server (the default)
  run       Run scenario files (see "webex-connect-emulator run --help")
  wait      Wait until a running emulator answers (for CI jobs)
  init      Write a commented example config file
  version   Print the version (also --version)

Run "webex-connect-emulator <command> --help" for a command's options.

${startUsage}`

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage)
    return 0
  }
  if (first === '--version' || first === '-v') return (await commands.version!())([])
  if (first === undefined || first.startsWith('-')) return (await commands.start!())(argv)
  const command = commands[first]
  if (command) return (await command())(rest)
  // One line, not the whole help: the mistake stays on screen.
  const guess = closestName(first, Object.keys(commands))
  process.stderr.write(
    `webex-connect-emulator: unknown command "${first}"${guess ? `: did you mean ${guess}?` : ''} (see "webex-connect-emulator --help")\n`,
  )
  return 2
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof EmulatorError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    process.stderr.write(`webex-connect-emulator: ${error instanceof Error ? error.message : String(error)}\n`)
    if (!known) process.stderr.write(`${(error as Error).stack ?? ''}\n`)
    process.exit(known ? 2 : 1)
  },
)
