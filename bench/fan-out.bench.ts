/**
 * @module Fan-out: one request with 1,000 recipients (the vendor maximum). Time to the 201 (median
 * of several), against a bare hono app answering the same JSON; and time until all 2,000 receipts
 * (Submitted and Delivered for each) reach the sink, against the 1.5 s Delivered delay that no
 * emulator can beat. Default lifecycle, real clock at speed 1, as `npm start` runs it.
 */
import { type Child, startChild } from './lib/child.js'
import { sendBody, sendHeaders } from './lib/requests.js'
import { type BenchResult, median, result, waitFor } from './measure.js'

const recipients = 1_000
const runs = 9
const deliveredDelayMs = 1_500

async function post(child: Child, body: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`http://127.0.0.1:${child.ready.port}/v2/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sendHeaders },
    body,
  })
  await response.arrayBuffer()
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}`)
  return performance.now() - started
}

export async function run(): Promise<BenchResult[]> {
  const body = sendBody(recipients)
  const sink = await startChild('http-server', ['sink'], { core: 1 })
  // An SES asset takes 50 recipients per request (the default limit); the vendor's API takes 1,000.
  const config = {
    email: { recipientLimit: { max: recipients } },
    webhooks: { targets: [{ url: `http://127.0.0.1:${sink.ready.port}/webhooks` }] },
  }
  const emulator = await startChild('http-server', ['emulator', JSON.stringify(config)])
  const bare = await startChild('http-server', ['bare'])
  try {
    const accepted: number[] = []
    const bareAccepted: number[] = []
    const allReceipts: number[] = []
    // The first runs warm up the JIT (as on any server after its first minutes) and are not counted.
    for (let i = -3; i < runs; i++) {
      const before = await sink.call<number>('count')
      const started = performance.now()
      const ms = await post(emulator, body)
      await waitFor(
        `${recipients * 2} receipts at the sink`,
        async () => (await sink.call<number>('count')) >= before + recipients * 2,
        { everyMs: 5 },
      )
      const receiptsMs = performance.now() - started
      const bareMs = await post(bare, body)
      if (i < 0) continue
      accepted.push(ms)
      allReceipts.push(receiptsMs)
      bareAccepted.push(bareMs)
    }
    const ours = median(accepted)
    const receipts = median(allReceipts)
    return [
      result({
        name: `fan-out: ${recipients} recipients, time to 201 (median of ${runs})`,
        value: ours,
        unit: 'ms',
        baseline: median(bareAccepted),
        baselineName: 'bare hono, same JSON',
        target: '< 10 ms',
        met: ours < 10,
      }),
      result({
        name: `fan-out: all ${recipients * 2} receipts at the sink (median of ${runs})`,
        value: receipts,
        unit: 'ms',
        baseline: deliveredDelayMs,
        baselineName: 'the 1.5 s Delivered delay',
        target: '≤ 2000 ms',
        met: receipts <= 2_000,
      }),
    ]
  } finally {
    await Promise.all([emulator, bare, sink].map((child) => child.stop()))
  }
}
