/**
 * @module Ports a test owns for as long as it needs them, so no other process can take them
 * meanwhile: one with a listener (busy), and one that refuses connections (nothing listens, yet
 * nothing else can listen there either). Never a port that was closed and hoped to stay free.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

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
 * A port that refuses connections (ECONNREFUSED) and cannot be listened on (EADDRINUSE): the local
 * end of a connection this process keeps open. Nothing listens on it, and the kernel neither hands
 * it out nor lets another socket bind it while the connection lives.
 */
export async function holdRefusedPort(): Promise<HeldPort> {
  const sockets: Socket[] = []
  const server = createServer((socket) => {
    socket.on('error', () => undefined)
    sockets.push(socket)
  })
  const serverPort = await listen(server)
  const client = connect(serverPort, '127.0.0.1')
  client.on('error', () => undefined)
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject))
  sockets.push(client)
  const closed = new Promise<void>((resolve) => server.close(() => resolve())) // stops listening now
  const port = client.localPort!
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async release() {
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
