/**
 * @module Serves the app over HTTP on Node.
 */

import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { hostOf } from '../core/emulator.js'
import type { Emulator } from '../runtime/create-emulator.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import { closeEventStreams } from './control/events-route.js'
import { createApp } from './create-app.js'
import { packageVersion } from './package-version.js'

/** What `startServer()` resolves to: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL, e.g. "http://127.0.0.1:4600". */
  url: string
  port: number
  /**
   * Shuts down within `graceMs` (default 2 s): no new webhook attempt starts, event streams and idle
   * connections close at once, in-flight webhooks and requests get the grace to finish; then
   * whatever is left is cut, and unfinished deliveries are recorded as interrupted.
   */
  close(graceMs?: number): Promise<void>
}

/** Options of `startServer()`. */
export interface ServerOptions {
  port?: number
  host?: string
  /** When set, /_emulator routes (but health and the console page) require it. */
  controlToken?: string | undefined
  /**
   * Lets @hono/node-server replace the global Request/Response with its lighter ones: faster, but
   * only for a process that is nothing but the emulator (the CLI). Off by default, so a test
   * process's own fetch, Request and MSW stay untouched.
   */
  overrideGlobalObjects?: boolean
}

type NodeServer = ReturnType<typeof serve>
const closeIdle = (server: NodeServer) => 'closeIdleConnections' in server && server.closeIdleConnections()
const closeAll = (server: NodeServer) => 'closeAllConnections' in server && server.closeAllConnections()

/**
 * Serves an emulator over HTTP on Node — the vendor API, the control API and the console — as
 * `npx webex-connect-emulator start` does, for tests that need a real URL (another process, a
 * browser). Port 0 picks a free port; read it from `url`. An isolated emulator
 * (`createIsolatedEmulator()`) is served one tenant per service.
 * @example
 * import { createEmulator, startServer } from 'webex-connect-emulator'
 *
 * const server = await startServer(createEmulator(), { port: 0 })
 * await fetch(`${server.url}/_emulator/health`)
 * await server.close()
 */
export function startServer(
  emulator: Emulator | IsolatedEmulator,
  { port = 4600, host = '127.0.0.1', controlToken, overrideGlobalObjects = false }: ServerOptions = {},
): Promise<RunningServer> {
  const app = createApp(emulator, { controlToken, version: packageVersion })
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host, overrideGlobalObjects }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        async close(graceMs = 2_000) {
          // Before anything else, so no attempt starts while connections wind down.
          if (isIsolatedEmulator(emulator)) {
            emulator.drain()
            for (const engine of emulator.engines()) closeEventStreams(engine)
          } else {
            hostOf(emulator).drain()
            closeEventStreams(emulator)
          }
          const closed = new Promise<void>((done) => server.close(() => done()))
          // A connection whose request ends now goes as soon as it is idle, not at the cut; the
          // sweep is what lets a keep-alive client or an ended event stream go without waiting.
          const sweep = setInterval(() => closeIdle(server), 20)
          closeIdle(server)
          const cut = setTimeout(() => closeAll(server), graceMs)
          // In-flight webhooks and requests share the same grace, so the whole takes at most graceMs.
          await Promise.all([emulator.close(graceMs), closed])
          clearInterval(sweep)
          clearTimeout(cut)
        },
      })
    })
    server.once('error', reject)
  })
}
