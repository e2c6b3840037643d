/**
 * @module A URL no request gets an answer from, on a port the test holds for as long as it needs it:
 * a listening socket that resets every connection the moment it arrives. A port that was closed
 * and handed back could be taken by another test file running in parallel; this one cannot.
 */
import { createServer, type Socket } from 'node:net'

export interface UnreachableUrl {
  /** `http://127.0.0.1:<port>` — every connection to it is reset. */
  url: string
  /** How many connections were refused so far. */
  refused(): number
  close(): Promise<void>
}

export async function startUnreachable(): Promise<UnreachableUrl> {
  let refused = 0
  const server = createServer((socket: Socket) => {
    refused++
    socket.resetAndDestroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the unreachable socket has no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
