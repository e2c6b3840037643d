import { mkdtempSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { runScenario } from '../../src/scenarios/index.js'

function httpScenario(url: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wce-http-')), 'http.yaml')
  writeFileSync(file, ['name: http', 'steps:', `  - http: { method: post, url: "${url}", body: {} }`, ''].join('\n'))
  return file
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

describe('an http step', () => {
  // Accepts connections and never answers: an app that hangs.
  const sockets = new Set<Socket>()
  const hung = createServer((socket) => sockets.add(socket))
  let hungUrl: string
  let refusedUrl: string
  let emulator: RunningServer

  beforeAll(async () => {
    hungUrl = await listen(hung)
    const gone = createServer()
    refusedUrl = await listen(gone)
    await close(gone) // nothing listens there now
    emulator = await startServer(createEmulator({ clock: 'real' }), { port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await close(hung)
    await emulator.close(0)
  })

  it('fails within requestTimeoutMs when the server never answers, naming the request', async () => {
    const started = performance.now()
    const result = await runScenario(httpScenario(`${hungUrl}/signup`), { requestTimeoutMs: 300 })
    expect(result.steps[0]).toMatchObject({ status: 'failed' })
    expect(result.steps[0]!.problems).toEqual([`no answer from POST ${hungUrl}/signup within 300 ms`])
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('fails within requestTimeoutMs against a running emulator too', async () => {
    const result = await runScenario(httpScenario(`${hungUrl}/signup`), { target: emulator.url, requestTimeoutMs: 300 })
    expect(result.steps[0]!.problems).toEqual([`no answer from POST ${hungUrl}/signup within 300 ms`])
  })

  it('takes answers that have no body, 205 included (rebuilding the answer with an empty body threw for it)', async () => {
    const { createServer: createHttpServer } = await import('node:http')
    for (const status of [204, 205, 304]) {
      const app = createHttpServer((_, res) => res.writeHead(status).end())
      const url = await listen(app as unknown as Server)
      try {
        const file = join(mkdtempSync(join(tmpdir(), 'wce-http-')), 'http.yaml')
        writeFileSync(
          file,
          [
            'name: no body',
            'steps:',
            `  - http: { method: post, url: "${url}/reset", body: {} }`,
            `    expect: { status: ${status} }`,
            '',
          ].join('\n'),
        )
        const result = await runScenario(file)
        expect([status, result.steps[0]]).toMatchObject([status, { status: 'passed' }])
      } finally {
        await close(app as unknown as Server)
      }
    }
  })

  it('names the method, the URL and the cause when it cannot connect', async () => {
    const result = await runScenario(httpScenario(`${refusedUrl}/signup`))
    expect(result.steps[0]!.problems).toEqual([
      `POST ${refusedUrl}/signup failed: connect ECONNREFUSED ${refusedUrl.replace('http://', '')}`,
    ])
  })
})
