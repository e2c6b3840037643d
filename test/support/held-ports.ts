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
 * A port that refuses connections (ECONNREFUSED), outside the kernel's ephemeral range (below it,
 * or above it when it starts too low). Every server in the suite listens on port 0, which the kernel
 * answers from that range, so none can land there while a test relies on the refusal; and no
 * connection can be given it as its own source port.
 *
 * The earlier version held the local end of an open connection, a port inside the range: a
 * connection to it could be handed that same port as its source and connect to itself (TCP
 * simultaneous open), so about one attempt in a few thousand "succeeded" and read its own request
 * back — seen in a shuffled run of chaos-delivery.test.ts as "Response does not match the HTTP/1.1
 * protocol". A machine whose range covers every port from 1024 up leaves no such port: there the
 * port is any refusing one, with that small risk.
 */
export async function holdRefusedPort(): Promise<HeldPort> {
  const [from, to] = portsOutsideEphemeralRange() ?? [10_000, 11_000]
  for (let tries = 0; tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * (to - from))
    if ((await connectResult(port)) === 'ECONNREFUSED')
      return { port, url: `http://127.0.0.1:${port}`, release: () => Promise.resolve() }
  }
  throw new Error(`no port in [${from}, ${to}) refused a connection in 50 tries`)
}

/** The kernel's ephemeral range (Linux's default where it cannot be read). */
export function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
    if (low && high) return [low, high]
  } catch {}
  return [32_768, 60_999]
}

/** A span of at least 1,000 unprivileged ports outside the ephemeral range, [from, to); none when there is none. */
export function portsOutsideEphemeralRange(): [number, number] | undefined {
  const [low, high] = ephemeralRange()
  if (low - 1_024 >= 1_000) return [Math.max(1_024, low - 20_000), low]
  if (65_535 - high >= 1_000) return [high + 1, 65_536]
  return undefined
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
