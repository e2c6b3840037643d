/**
 * @module Whether a process is still running, by pid: a zombie (exited, not yet reaped) counts as
 * gone, since it holds no port and runs no code.
 */
import { readFileSync } from 'node:fs'

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true // no /proc here: kill(pid, 0) is all there is to go by
  }
}
