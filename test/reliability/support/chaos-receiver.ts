/**
 * @module A webhook receiver that misbehaves on a seeded schedule: it answers 2xx, fails with 5xx or
 * a no-retry 404, stalls past the emulator's timeout, resets the connection, or answers slowly. What
 * it does to a request depends on the seed, the receipt (transid and code) and which attempt at it
 * this is, never on the order requests happen to arrive in, so the same run meets the same faults
 * however the machine schedules it. It records what it did to each request, which sockets carried
 * them and how many ran at once. With `hold`, it answers nothing until `release()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createRandom } from '../../../src/core/kernel/ids.js'

const behaviours = ['ok', 'slow', 'fail-500', 'fail-503', 'gone-404', 'reset', 'stall'] as const
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
  /** Hold every request unanswered until `release()`, then answer it 200 (for "slow target" tests). */
  hold?: boolean
}

/** FNV-1a: a stable 32-bit number for a string. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** Which receipt a webhook body carries (transid and code), or the body itself when it is not one. */
function receiptKey(body: string): string {
  try {
    const notification = JSON.parse(body).deliveryInfoNotification
    return `${notification.transid}|${notification.deliveryInfo.code}`
  } catch {
    return body
  }
}

export async function startChaosReceiver({ seed, weights, slowMs = 20, hold = false }: ChaosReceiverOptions) {
  const total = behaviours.reduce((sum, b) => sum + (weights[b] ?? 0), 0)
  const attemptsSeen = new Map<string, number>()
  const pick = (body: string): Behaviour => {
    const key = receiptKey(body)
    const attempt = (attemptsSeen.get(key) ?? 0) + 1
    attemptsSeen.set(key, attempt)
    let r = createRandom(hash(`${seed}|${key}|${attempt}`))() * total
    for (const b of behaviours) if ((r -= weights[b] ?? 0) < 0) return b
    return 'ok'
  }
  let held: Array<() => void> | undefined = hold ? [] : undefined
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
      const body = Buffer.concat(chunks).toString('utf8')
      const behaviour = held ? 'ok' : pick(body)
      const record: ChaosRequest = { path: req.url ?? '/', body, behaviour, answered: undefined }
      requests.push(record)
      if (held) return void held.push(() => answer(res, record, 200))
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
    /** Answers every held request 200, and stops holding. */
    release() {
      const waiting = held ?? []
      held = undefined
      for (const send of waiting) send()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
