/**
 * @module Ports a test can rely on for as long as it needs them: one with a listener (busy), and one
 * that refuses connections, where no server of the suite can start. Never a port that was closed
 * and hoped to stay free.
 */
import { readFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'

export interface HeldPort {
  port: number
  url: string
  release(): Promise<void>
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))
  })
}

/** A port with a listener on it: starting a server there fails with EADDRINUSE. */
export async function holdBusyPort(): Promise<HeldPort> {
  const server = createServer((socket) => socket.destroy())
  const port = await listen(server)
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    release: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * A port that refuses connections (ECONNREFUSED), below the kernel's ephemeral range. Every server
 * in the suite listens on port 0, which the kernel answers from that range, so none can land here
 * while a test relies on the refusal; and no connection can be given it as its own source port.
 *
 * The earlier version held the local end of an open connection, a port inside the range: a
 * connection to it could be handed that same port as its source and connect to itself (TCP
 * simultaneous open), so about one attempt in a few thousand "succeeded" and read its own request
 * back — seen in a shuffled run of chaos-delivery.test.ts as "Response does not match the HTTP/1.1
 * protocol".
 */
export async function holdRefusedPort(): Promise<HeldPort> {
  const low = 10_000
  const high = Math.max(low + 1_000, ephemeralLow())
  for (let tries = 0; tries < 50; tries++) {
    const port = low + Math.floor(Math.random() * (high - low))
    if ((await connectResult(port)) === 'ECONNREFUSED')
      return { port, url: `http://127.0.0.1:${port}`, release: () => Promise.resolve() }
  }
  throw new Error(`no port below ${high} refused a connection in 50 tries`)
}

/** The first port of the kernel's ephemeral range (Linux's default where it cannot be read). */
export function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768
  } catch {
    return 32_768
  }
}

/** What connecting to `port` on 127.0.0.1 gives: "connected" or the error's code. */
export function connectResult(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })
}
