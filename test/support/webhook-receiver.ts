/**
 * @module A real HTTP webhook receiver for tests: records every request and answers with a status
 * chosen per request, so tests can make it fail on purpose.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eventually } from './eventually.js'

export interface ReceivedWebhook {
  path: string
  headers: IncomingHttpHeaders
  raw: string
  body: any
  at: number
}

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** Decides the status for the nth request (0-based); 200 unless changed. */
  respondWith(status: (request: ReceivedWebhook, index: number) => number): void
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>
  close(): Promise<void>
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  let decide: (request: ReceivedWebhook, index: number) => number = () => 200
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        body = undefined
      }
      const request = { path: req.url ?? '/', headers: req.headers, raw, body, at: Date.now() }
      const index = received.push(request) - 1
      const status = decide(request, index)
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? 'ok' : `failed on purpose with ${status}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith(status) {
      decide = status
    },
    waitFor: (predicate, timeoutMs = 10_000) =>
      eventually(() => received, predicate, {
        timeoutMs,
        what: 'the webhooks awaited',
        show: (all) => `${all.length} webhooks:\n${all.map((r) => r.raw).join('\n')}`,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
