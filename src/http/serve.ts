/**
 * @module Serves the app over HTTP on Node.
 */

import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Emulator } from '../runtime/create-emulator.js'
import { createApp } from './create-app.js'
import { packageVersion } from './package-version.js'

/** What `startServer()` resolves to: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL, e.g. "http://127.0.0.1:4600". */
  url: string
  port: number
  /** Stops accepting connections, then lets in-flight webhooks finish for up to `graceMs`. */
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

/**
 * Serves an emulator over HTTP on Node — the vendor API, the control API and the console — as
 * `npx webex-connect-emulator start` does, for tests that need a real URL (another process, a
 * browser). Port 0 picks a free port; read it from `url`.
 * @example
 * import { createEmulator, startServer } from 'webex-connect-emulator'
 *
 * const server = await startServer(createEmulator(), { port: 0 })
 * await fetch(`${server.url}/_emulator/health`)
 * await server.close()
 */
export function startServer(
  emulator: Emulator,
  { port = 4600, host = '127.0.0.1', controlToken, overrideGlobalObjects = false }: ServerOptions = {},
): Promise<RunningServer> {
  const app = createApp(emulator, { controlToken, version: packageVersion, boundHost: host })
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host, overrideGlobalObjects }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        async close(graceMs) {
          await new Promise<void>((done) => {
            server.close(() => done())
            if ('closeIdleConnections' in server) server.closeIdleConnections()
            // A long-lived response (an open /_emulator/events stream) would hold close() forever.
            const cut = setTimeout(
              () => 'closeAllConnections' in server && server.closeAllConnections(),
              graceMs ?? 2_000,
            )
            cut.unref()
          })
          await emulator.close(graceMs)
        },
      })
    })
    server.once('error', reject)
  })
}
