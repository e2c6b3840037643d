/**
 * @module Why the server could not listen, said in one line with what to do, instead of Node's
 * stack: a busy port, a port that needs privileges, an address this machine does not have.
 */
import { EmulatorError } from '../core/kernel/errors.js'

export function listenError(error: unknown, { port, host }: { port: number; host: string }): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new EmulatorError('invalid_config', `port ${port} is in use (another emulator? try --port 0)`)
    case 'EACCES':
      return new EmulatorError(
        'invalid_config',
        `port ${port} needs privileges this process does not have; pick one above 1023 (or --port 0)`,
      )
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new EmulatorError('invalid_config', `cannot listen on --host ${host}: this machine has no such address`)
    case 'ERR_SOCKET_BAD_PORT':
      return new EmulatorError('invalid_config', `port ${port} is out of range (0–65535; 0 picks a free one)`)
    default:
      return error
  }
}
