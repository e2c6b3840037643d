/**
 * @module A webhook receiver that misbehaves on a seeded schedule: it answers 2xx, fails with 5xx or
 * a no-retry 404, stalls past the emulator's timeout, resets the connection, or answers slowly. It
 * records what it did to each request, which sockets carried them and how many ran at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createRandom } from '../../../src/core/kernel/ids.js'

export const behaviours = ['ok', 'slow', 'fail-500', 'fail-503', 'gone-404', 'reset', 'stall'] as const
export type Behaviour = (typeof behaviours)[number]

export interface ChaosRequest {
  path: string
  body: string
  behaviour: Behaviour
  /** The status actually sent, when one was. */
  answered: number | undefined
}

export interface ChaosReceiverOptions {
  seed: number
  /** Relative weights per behaviour; missing ones are 0. */
  weights: Partial<Record<Behaviour, number>>
  slowMs?: number
  /** Answer every request after this long, whatever else (for "slow target" tests). */
  stallAllMs?: number
}

export async function startChaosReceiver({ seed, weights, slowMs = 20, stallAllMs }: ChaosReceiverOptions) {
  const random = createRandom(seed)
  const total = behaviours.reduce((sum, b) => sum + (weights[b] ?? 0), 0)
  const pick = (): Behaviour => {
    let r = random() * total
    for (const b of behaviours) if ((r -= weights[b] ?? 0) < 0) return b
    return 'ok'
  }
  const requests: ChaosRequest[] = []
  const sockets = new Set<Socket>()
  const open = new Set<Socket>()
  let running = 0
  let mostAtOnce = 0

  const answer = (res: ServerResponse, record: ChaosRequest, status: number) => {
    if (res.destroyed) return
    record.answered = status
    res.writeHead(status, { 'content-type': 'text/plain' }).end('chaos')
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    sockets.add(req.socket)
    running++
    mostAtOnce = Math.max(mostAtOnce, running)
    res.on('close', () => running--)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const behaviour = stallAllMs === undefined ? pick() : 'ok'
      const record: ChaosRequest = {
        path: req.url ?? '/',
        body: Buffer.concat(chunks).toString('utf8'),
        behaviour,
        answered: undefined,
      }
      requests.push(record)
      if (stallAllMs !== undefined) return void setTimeout(() => answer(res, record, 200), stallAllMs)
      switch (behaviour) {
        case 'ok':
          return answer(res, record, 200)
        case 'slow':
          return void setTimeout(() => answer(res, record, 200), slowMs)
        case 'fail-500':
          return answer(res, record, 500)
        case 'fail-503':
          return answer(res, record, 503)
        case 'gone-404':
          return answer(res, record, 404)
        case 'reset':
          return void req.socket.destroy()
        case 'stall':
          return // never answers; the emulator's timeout ends it
      }
    })
  })
  server.on('connection', (socket: Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Distinct connections that carried requests (keep-alive reuses them). */
    socketCount: () => sockets.size,
    mostAtOnce: () => mostAtOnce,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A URL where nothing listens: every connection is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/refused`
}

/** Polls `condition` every 20 ms until it holds, failing with `describe()` after the deadline. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
