/**
 * @module Memory under a long run, in its own process (started with --expose-gc): the in-process
 * emulator with default caps and one webhook target served by an in-process sink accepts
 * one-recipient messages in batches; after each batch virtual time moves on 2 s so every
 * lifecycle finishes and every receipt is delivered, as on a long-running dev server. Memory is
 * sampled three ways: RSS as the process runs (after every batch, no GC forced: what a server under
 * this load holds), the live heap after a full GC (flatness), and RSS once the run is over and V8's
 * background threads have handed back what the last GC freed (what the server settles to).
 * Batches of 1,000: a real server never takes 10,000 sends in one instant. Stops at `total` messages or when `budgetMs` is spent.
 * Usage: node --expose-gc --import tsx memory-worker.ts <total> <sample every> <budget ms>
 */
import { existsSync } from 'node:fs'
import { importMeasured, measuresBuild } from '../lib/built.js'
import { answer } from '../lib/child.js'
import { sendBody } from '../lib/requests.js'

const [total = 1_000_000, every = 50_000, budgetMs = 60_000] = process.argv.slice(2).map(Number)
// A busy dev server: a thousand sends, then their lifecycles play out, again and again.
const batch = 1_000
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const sample = () => {
  gc()
  gc()
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage()
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10
  return { rssMb: mb(rss), heapTotalMb: mb(heapTotal), heapUsedMb: mb(heapUsed), externalMb: mb(external) }
}
type Sample = ReturnType<typeof sample>

// The build when it is current (lib/built.ts), as a server runs it: the same process through tsx
// would also count the TypeScript compiler's memory as ours.
const { createEmulator } = (await importMeasured(
  'runtime/create-emulator.js',
)) as typeof import('../../src/runtime/create-emulator.js')
const { createSinkTransport } = (await importMeasured(
  'webhooks/sink-transport.js',
)) as typeof import('../../src/webhooks/sink-transport.js')
let delivered = 0
const emulator = createEmulator({
  clock: 'virtual',
  config: { webhooks: { targets: [{ url: 'https://app.test/webhooks' }] } },
  transport: createSinkTransport(() => void delivered++),
})
const request = JSON.parse(sendBody(1)) as object

async function runAll(): Promise<{
  before: Sample
  samples: Array<Sample & { sent: number }>
  /** RSS in MB after each batch of the second half of the run, no GC forced. */
  runningRssMb: number[]
  /** RSS in MB a second after the run's last full GC. */
  settledRssMb: number
  ms: number
  sent: number
  delivered: number
  built: boolean
}> {
  const before = sample()
  const points: Array<Sample & { sent: number }> = []
  const started = performance.now()
  let sent = 0
  const running: Array<{ sent: number; rssMb: number }> = []
  while (sent < total && performance.now() - started < budgetMs) {
    for (let i = 0; i < batch; i++) emulator.send(request)
    sent += batch
    // Every lifecycle (Delivered at 1.5 s) and every webhook attempt runs.
    await emulator.advance(2_000)
    running.push({ sent, rssMb: Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10 })
    if (sent % every === 0) points.push({ sent, ...sample() })
  }
  if (points.at(-1)?.sent !== sent) points.push({ sent, ...sample() })
  if (delivered !== sent * 2) throw new Error(`expected ${sent * 2} receipts delivered, got ${delivered}`)
  const ms = performance.now() - started
  // Right after a full GC, RSS still holds the pages it freed: V8's sweeper and unmapper threads
  // hand them back over the next moments (measured: 340 MB right after, 230 MB a second later).
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const settledRssMb = Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10
  const runningRssMb = running.filter((r) => r.sent > sent / 2).map((r) => r.rssMb)
  return { before, samples: points, runningRssMb, settledRssMb, ms, sent, delivered, built: measuresBuild }
}

answer({}, { run: () => runAll() })
