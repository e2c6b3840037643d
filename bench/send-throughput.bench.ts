/**
 * @module Send throughput over real HTTP. Three servers in their own process on the server core —
 * the emulator (default lifecycle, every receipt POSTed to a sink on the client core; loaded with
 * an email send and, as its own row, an SMS send), a bare hono
 * app on the same @hono/node-server that parses the same JSON and answers 201, and the
 * aws-ses-v2-local peer on its SendEmail route — loaded in turn by the same autocannon client,
 * interleaved over several rounds so drift on a shared machine hits all three alike.
 */
import type { Child } from './lib/child.js'
import { startChild } from './lib/child.js'
import { load } from './lib/load.js'
import { sendBody, sendHeaders, sesBody, sesHeaders, sesPath, smsSendBody } from './lib/requests.js'
import { type BenchResult, median, result, waitFor } from './measure.js'

const rounds = 3
const seconds = 3
const connections = 10

/** Lets the emulator finish its webhooks (Delivered fires 1.5 s after the last send) before the next run. */
async function drain(emulator: Child): Promise<void> {
  await waitFor(
    'the emulator to deliver every webhook',
    async () => {
      const stats = await emulator.call<{ pendingTimers: number; inFlight: number }>('stats')
      return stats.pendingTimers === 0 && stats.inFlight === 0
    },
    { everyMs: 100 },
  )
}

export async function run(): Promise<BenchResult[]> {
  const sink = await startChild('http-server', ['sink'], { core: 1 })
  const config = { webhooks: { targets: [{ url: `http://127.0.0.1:${sink.ready.port}/webhooks` }] } }
  const sinkUrl = `http://127.0.0.1:${sink.ready.port}/bare`
  const [emulator, bare, bareWebhooks, ses] = [
    await startChild('http-server', ['emulator', JSON.stringify(config)]),
    await startChild('http-server', ['bare']),
    await startChild('http-server', ['bare-webhooks', JSON.stringify({ sinkUrl })]),
    await startChild('http-server', ['ses']),
  ]
  const url = (child: Child, path = '/v2/messages') => `http://127.0.0.1:${child.ready.port}${path}`
  const targets = {
    bare: { url: url(bare), body: sendBody(), headers: {} },
    bareWebhooks: { url: url(bareWebhooks), body: sendBody(), headers: {} },
    emulator: { url: url(emulator), body: sendBody(), headers: sendHeaders },
    emulatorSms: { url: url(emulator), body: smsSendBody(), headers: sendHeaders },
    ses: { url: url(ses, sesPath), body: sesBody, headers: sesHeaders },
  }
  try {
    let accepted = 0
    const rps: Record<keyof typeof targets, number[]> = {
      bare: [],
      bareWebhooks: [],
      emulator: [],
      emulatorSms: [],
      ses: [],
    }
    // Round -1 is a short warm-up (JIT, connection pools), not counted.
    for (let round = -1; round < rounds; round++) {
      const duration = round < 0 ? 1 : seconds
      for (const name of ['bare', 'bareWebhooks', 'emulator', 'emulatorSms', 'ses'] as const) {
        const { url: target, ...request } = targets[name]
        const measured = await load(target, { ...request, seconds: duration, connections })
        if (name === 'emulator' || name === 'emulatorSms') {
          accepted += measured.rps * duration
          await drain(emulator)
        }
        // Let the bare app's delayed Delivered POSTs land before the next server is loaded.
        if (name === 'bareWebhooks') await new Promise((resolve) => setTimeout(resolve, 1_700))
        if (round >= 0) rps[name].push(measured.rps)
      }
    }
    // Every accepted send (email or SMS) produced a Submitted and a Delivered receipt at the sink (rps × duration
    // undercounts a little: answers still in flight when autocannon stops are not counted).
    const received = (await sink.call<{ byPath: Record<string, number> }>('countByPath')).byPath['/webhooks'] ?? 0
    if (received < accepted * 2 * 0.98)
      throw new Error(
        `the sink got ${received} webhooks for about ${Math.round(accepted)} accepted sends (expected 2 each)`,
      )
    const ours = median(rps.emulator)
    const bareRps = median(rps.bare)
    return [
      result({
        name: 'send: POST /v2/messages, 1 recipient, receipts to a sink',
        value: ours,
        unit: 'req/s',
        baseline: bareRps,
        baselineName: 'bare hono',
        target: 'ratio ≥ 0.8',
        met: ours / bareRps >= 0.8,
      }),
      result({
        name: 'send SMS: POST /v2/messages, 1 number, 2 parts, receipts to a sink',
        value: median(rps.emulatorSms),
        unit: 'req/s',
        baseline: bareRps,
        baselineName: 'bare hono',
        target: 'ratio ≥ 0.8',
        met: median(rps.emulatorSms) / bareRps >= 0.8,
      }),
      result({
        name: 'send vs the same I/O: bare hono + 2 webhook POSTs per send',
        value: ours,
        unit: 'req/s',
        baseline: median(rps.bareWebhooks),
        baselineName: 'bare hono posting 2 receipts',
      }),
      result({
        name: 'send vs peer: aws-ses-v2-local SendEmail',
        value: ours,
        unit: 'req/s',
        baseline: median(rps.ses),
        baselineName: 'aws-ses-v2-local',
      }),
    ]
  } finally {
    await Promise.all([emulator, bare, bareWebhooks, ses, sink].map((child) => child.stop()))
  }
}
