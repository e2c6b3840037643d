/**
 * @module Start-up: from process start to the first accepted request, for the CLI as users run it
 * — the built `dist/cli-bundle/main.js` when `npm run build` has made it, else the bin (which then runs
 * the TypeScript sources through tsx) — against `node -e` starting a bare hono server on the same
 * @hono/node-server. Each run spawns a fresh process on the server core; the two are interleaved.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { onCore, serverCore } from './lib/child.js'
import { sendBody, sendHeaders } from './lib/requests.js'
import { type BenchResult, median, result } from './measure.js'

const runs = 5
const root = fileURLToPath(new URL('..', import.meta.url))
const built = `${root}dist/cli-bundle/main.js`

const bareServer = `
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
const app = new Hono().post('/v2/messages', async (c) => c.json({ ...(await c.req.json()), status: 'queued' }, 201))
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('listening on http://127.0.0.1:' + info.port))
`

/** Spawns `argv`, waits for "listening on <url>" on stdout, POSTs a send; ms from spawn to the 201. */
function timeToFirstSend(argv: string[]): Promise<number> {
  const started = performance.now()
  const [command, ...args] = onCore(serverCore, argv)
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise<number>((resolve, reject) => {
    let out = ''
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited with ${code} before answering:\n${out}`)))
    child.stdout.on('data', async (chunk: Buffer) => {
      out += chunk.toString()
      const url = /listening on (http:\/\/[^\s"]+)/.exec(out)?.[1]
      if (!url) return
      child.stdout.removeAllListeners('data')
      child.stdout.resume()
      try {
        const response = await fetch(`${url}/v2/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...sendHeaders },
          body: sendBody(1),
        })
        await response.arrayBuffer()
        if (response.status !== 201) throw new Error(`expected 201, got ${response.status}`)
        resolve(performance.now() - started)
      } catch (error) {
        reject(error)
      }
    })
  }).finally(() => {
    child.removeAllListeners('exit')
    child.kill('SIGKILL')
  })
}

export async function run(): Promise<BenchResult[]> {
  const useBuilt = existsSync(built)
  const cli = useBuilt
    ? [process.execPath, built, 'start', '--port', '0']
    : [process.execPath, `${root}bin/webex-connect-emulator.js`, 'start', '--port', '0']
  const bare = [process.execPath, '--input-type=module', '-e', bareServer]
  const ours: number[] = []
  const baseline: number[] = []
  // The first pair warms the file-system cache and is not counted.
  for (let i = -1; i < runs; i++) {
    const a = await timeToFirstSend(cli)
    const b = await timeToFirstSend(bare)
    if (i < 0) continue
    ours.push(a)
    baseline.push(b)
  }
  const value = median(ours)
  const what = useBuilt
    ? 'node dist/cli-bundle/main.js start'
    : 'node bin/webex-connect-emulator.js start (no dist/: via tsx)'
  return [
    result({
      name: `start-up to first 201: ${what} (median of ${runs})`,
      value,
      unit: 'ms',
      baseline: median(baseline),
      baselineName: 'node -e bare hono',
      target: '≤ 300 ms',
      met: value <= 300,
    }),
  ]
}
