// The suite's held ports: they must behave as their names say, or the tests using them prove nothing.
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { connectResult, ephemeralLow, holdBusyPort, holdRefusedPort } from './held-ports.js'

/** The error code of listening on `port`, or "listening" (for port 0, the port given). */
const tryListen = (port: number) =>
  new Promise<string>((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number }
      server.close(() => resolve(port === 0 ? String(bound) : 'listening'))
    })
  })

describe('held ports', () => {
  it('a refused port refuses connections and lies below the ephemeral range, where port 0 never lands', async () => {
    const held = await holdRefusedPort()
    expect(await connectResult(held.port)).toBe('ECONNREFUSED')
    // A port inside the range can be a connection's own source port: it would connect to itself.
    expect(held.port).toBeLessThan(ephemeralLow())
    // A server on port 0 is given a port in the range.
    expect(Number(await tryListen(0))).toBeGreaterThanOrEqual(ephemeralLow())
  })

  it('a busy port has a listener that hangs up, and cannot be listened on', async () => {
    const held = await holdBusyPort()
    try {
      expect(await tryListen(held.port)).toBe('EADDRINUSE')
      expect(await connectResult(held.port)).toBe('connected')
    } finally {
      await held.release()
    }
  })
})
