/**
 * @module Runs the real CLI (bin/webex-connect-emulator.js) as a child process and reads its output.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { eventually } from './eventually.js'

export const bin = join(import.meta.dirname, '../../bin/webex-connect-emulator.js')

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: 'pipe',
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // 'close', not 'exit': the process can exit before its output has all been read, and a test that
  // checks the output once it exited would see part of it (seen once in twenty shuffled runs).
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, exited, output: () => ({ stdout, stderr }) }
}

export type CliProcess = ReturnType<typeof runCli>

/** Waits until `read()` (a process's output so far) matches `pattern`; resolves with the match. */
export async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 45_000,
): Promise<RegExpMatchArray> {
  const output = await eventually(read, (text) => pattern.test(text), {
    timeoutMs,
    what: `${pattern} in the output`,
    show: (text) => `\n${text}`,
  })
  return output.match(pattern)!
}

/** Starts `start --port 0 ...` and resolves once it prints its URL. */
export async function startCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliProcess & { url: string }> {
  const cli = runCli(['start', '--port', '0', ...args], options)
  const [, url] = await waitForOutput(
    () => cli.output().stdout,
    /listening on (http:\/\/127\.0\.0\.1:\d+)|"url":"(http:\/\/127\.0\.0\.1:\d+)"/,
  ).then((m) => [m[0], m[1] ?? m[2]] as const)
  return { ...cli, url: url! }
}
