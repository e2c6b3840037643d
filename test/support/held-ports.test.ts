// The suite's held ports: they must behave as their names say, or the tests using them prove nothing.
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  connectResult,
  ephemeralRange,
  holdBusyPort,
  holdRefusedPort,
  portsOutsideEphemeralRange,
} from './held-ports.js'

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
  it('a refused port refuses connections and lies outside the ephemeral range, where port 0 never lands', async () => {
    const held = await holdRefusedPort()
    expect(await connectResult(held.port)).toBe('ECONNREFUSED')
    const [low, high] = ephemeralRange()
    // A server on port 0 is given a port in the range.
    const given = Number(await tryListen(0))
    expect(given).toBeGreaterThanOrEqual(low)
    expect(given).toBeLessThanOrEqual(high)
    // A port inside the range can be a connection's own source port: it would connect to itself.
    // Only a range covering every unprivileged port leaves no choice (not the case on Linux's default).
    if (portsOutsideEphemeralRange()) expect(held.port < low || held.port > high).toBe(true)
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
