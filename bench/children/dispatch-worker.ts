/**
 * @module Webhook dispatch, in its own process: the emulator on a real clock sped up so far that
 * every receipt is due at once, delivering over HTTP to a sink; and, in the same process with the
 * same HTTP client (node:http, keep-alive), the baseline — a plain loop of POSTs of the same body to
 * the same sink.
 * Usage: dispatch-worker.ts <sink URL>
 */
import { Agent, request } from 'node:http'
import { answer } from '../lib/child.js'
import { sendBody } from '../lib/requests.js'

const [sinkUrl = ''] = process.argv.slice(2)
const { createEmulator } = await import('../../src/runtime/create-emulator.js')
// 1.5 s of emulated delivery delay is 1.5 µs of wall time: Submitted and Delivered are due at once.
const emulator = createEmulator({
  clock: 'real',
  config: { speed: 1_000_000, webhooks: { targets: [{ url: sinkUrl }] } },
})
const sendRequest = JSON.parse(sendBody(1)) as object
/** The best a plain client does: node:http over a keep-alive agent, as the emulator's transport. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

/** Sends `messages` one-recipient messages, then times until all 2 × messages receipts are delivered. */
async function viaEmulator(messages: number): Promise<{ ms: number; receipts: number; peakInFlight: number }> {
  emulator.reset()
  let done = 0
  let failed = 0
  // The emulator's own per-target limit; the baseline loop gets the same number of workers.
  const peakInFlight = emulator.config.webhooks.concurrencyPerTarget
  let finish = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const unsubscribe = emulator.subscribe((event) => {
    if (event.type !== 'attempt') return
    if (event.attempt.verdict === 'delivered') done++
    else failed++
    if (done + failed === messages * 2) finish()
  })
  for (let i = 0; i < messages; i++) emulator.send(sendRequest)
  const started = performance.now()
  await finished
  const ms = performance.now() - started
  unsubscribe()
  if (failed > 0)
    throw new Error(
      `${failed} of ${messages * 2} webhooks failed: ${
        emulator
          .deliveries()
          .find((d) => d.state !== 'delivered')
          ?.attempts.at(-1)?.error
      }`,
    )
  return { ms, receipts: done, peakInFlight }
}

/** The same number of POSTs of a real receipt body, `concurrency` at a time, each awaited in turn. */
async function plainLoop({ posts, concurrency }: { posts: number; concurrency: number }): Promise<{ ms: number }> {
  const body = emulator.deliveries()[0]?.body ?? '{}'
  let left = posts
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'webex-connect-emulator',
    'content-length': String(Buffer.byteLength(body)),
  }
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(sinkUrl, { method: 'POST', headers, agent }, (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`sink answered ${res.statusCode}`))))
      })
      req.setTimeout(10_000, () => req.destroy(new Error('timed out')))
      req.on('error', reject)
      req.end(body)
    })
  const worker = async () => {
    while (left-- > 0) await post()
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { ms: performance.now() - started }
}

answer(
  {},
  {
    emulator: (n) => viaEmulator(n as number),
    plain: (arg) => plainLoop(arg as { posts: number; concurrency: number }),
  },
)
