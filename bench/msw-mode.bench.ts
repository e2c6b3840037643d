/**
 * @module MSW mode: 1,000 sends through fetch + MSW, then runUntilIdle() delivering every receipt to
 * an in-process sink. Baseline: the same 1,000 fetches answered by a bare MSW handler that parses the
 * JSON and answers 201 — the floor any MSW-based mock pays. It answers on the vendor's own host (under
 * a path the emulator's handlers do not take): MSW reads the cookies stored for every request's
 * domain, and for `api.us.webexconnect.io` that lookup (a public-suffix walk in tough-cookie) costs
 * about 15 µs a request more than for a made-up `bare.test` — a cost of the URL, which any mock of
 * this API pays, not of the emulator (bench/PROFILE.md). The in-process rows measure the emulator
 * without fetch/MSW in between: from empty stores (reset before each run), and in the steady state of
 * a busy server, whose stores are full and evict their oldest entry on every send.
 *
 * Beside them, the floor model (lib/floor-model.ts): the least work any emulator of the same send must
 * do, measured as the in-process row is, in a process of its own (children/floor-worker.ts). A
 * target the floor misses is out of any implementation's reach; where it meets one, the distance
 * is ours to close.
 */
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { importMeasured } from './lib/built.js'
import { startChild } from './lib/child.js'
import { coreTiming, mswEmailBody, mswTiming } from './lib/in-process.js'
import { smsSendBody } from './lib/requests.js'
import { type BenchResult, interleavedMedianMs, interleavedTimesMs, mean, median, result } from './measure.js'

const sends = 1_000
const body = mswEmailBody
const post = (url: string) =>
  fetch(url, { method: 'POST', headers: { key: 'k', 'content-type': 'application/json' }, body })

export async function run(): Promise<BenchResult[]> {
  // The build when it is current, as the package runs in a user's tests (lib/built.ts).
  const { createWebexConnectMock } = (await importMeasured('msw/index.js')) as typeof import('../src/msw/index.js')
  let delivered = 0
  const mock = createWebexConnectMock({
    config: { webhooks: { targets: [{ url: 'https://app.test/hooks' }] } },
    onWebhook: () => void delivered++,
  })
  const smsMock = createWebexConnectMock({
    config: { webhooks: { targets: [{ url: 'https://app.test/hooks' }] } },
    onWebhook: () => {},
  })
  const bareUrl = 'https://api.us.webexconnect.io/bare/v2/messages'
  const bare = http.post(bareUrl, async ({ request }) =>
    Response.json({ ...((await request.json()) as object), status: 'queued' }, { status: 201 }),
  )
  const server = setupServer(...mock.handlers, bare)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const request = JSON.parse(body)
    const smsRequest = JSON.parse(smsSendBody())
    const { ours, baseline } = await interleavedMedianMs(
      {
        ours: async () => {
          mock.reset()
          delivered = 0
          for (let i = 0; i < sends; i++) await post('https://api.us.webexconnect.io/v2/messages')
          await mock.runUntilIdle()
          if (delivered !== sends * 2) throw new Error(`expected ${sends * 2} receipts, got ${delivered}`)
        },
        baseline: async () => {
          for (let i = 0; i < sends; i++) await post(bareUrl)
        },
      },
      mswTiming,
    )
    const coreTimes = await interleavedTimesMs(
      {
        // The same work without fetch: what the emulator itself costs, against parsing the bodies alone.
        core: async () => {
          mock.reset()
          for (let i = 0; i < sends; i++) mock.emulator.send(request)
          await mock.runUntilIdle()
        },
        smsCore: async () => {
          smsMock.reset()
          for (let i = 0; i < sends; i++) smsMock.emulator.send(smsRequest)
          await smsMock.runUntilIdle()
        },
        parseOnly: async () => {
          for (let i = 0; i < sends; i++) JSON.stringify(JSON.parse(body))
        },
      },
      coreTiming,
    )
    const [core, smsCore, parseOnly] = [coreTimes.core, coreTimes.smsCore, coreTimes.parseOnly].map(median) as [
      number,
      number,
      number,
    ]
    // A busy server's steady state: its stores already at their caps (10,000 messages, 20,000
    // deliveries), so every send also evicts the oldest. Never reset. Made and filled only after the
    // rows above, so that their collections do not also have its 60-odd MB of records to mark.
    const steadyMock = createWebexConnectMock({
      config: { webhooks: { targets: [{ url: 'https://app.test/hooks' }] } },
      onWebhook: () => {},
    })
    for (let batch = 0; batch < 12; batch++) {
      for (let i = 0; i < sends; i++) steadyMock.emulator.send(request)
      await steadyMock.runUntilIdle()
    }
    const { steady } = await interleavedMedianMs(
      {
        steady: async () => {
          for (let i = 0; i < sends; i++) steadyMock.emulator.send(request)
          await steadyMock.runUntilIdle()
        },
      },
      coreTiming,
    )
    // The floor model, measured the same way in a process of its own, on this process's core (idle meanwhile).
    const worker = await startChild('floor-worker', [], { core: 1 })
    const floorTimes = await worker
      .call<{ floor: number[]; parseOnly: number[] }>('measure')
      .finally(() => worker.stop())
    const floor = median(floorTimes.floor)
    // A run's median leaves out the scavenges that fall in a third of the runs, and the floor, which
    // allocates a quarter of what the emulator does, has them in fewer runs: the means, which count
    // every collection, are printed beside the medians (bench/PROFILE.md, "The floor").
    process.stdout.write(
      `  in-process means (ms): emulator ${mean(coreTimes.core).toFixed(1)}, SMS ${mean(coreTimes.smsCore).toFixed(1)}, the floor model ${mean(floorTimes.floor).toFixed(1)}\n`,
    )
    return [
      result({
        name: 'MSW mode: 1,000 sends via fetch + runUntilIdle()',
        value: ours,
        unit: 'ms',
        baseline,
        baselineName: 'bare MSW handler',
        target: 'ratio ≤ 1.3',
        met: ours / baseline <= 1.3,
      }),
      result({
        name: 'in-process: 1,000 emulator.send() + runUntilIdle()',
        value: core,
        unit: 'ms',
        baseline: parseOnly,
        baselineName: 'JSON parse + stringify only',
        target: '≤ 15 ms',
        met: core <= 15,
      }),
      result({
        name: 'in-process, the floor model (lib/floor-model.ts), own process',
        value: floor,
        unit: 'ms',
        baseline: median(floorTimes.parseOnly),
        baselineName: 'JSON parse + stringify only, same process',
        target: 'what ≤ 15 ms leaves',
      }),
      result({
        name: 'in-process vs the floor model',
        value: core,
        unit: 'ms',
        baseline: floor,
        baselineName: 'the floor model',
        target: 'lower is better',
      }),
      result({
        name: 'in-process, steady state: the same with the stores at their caps',
        value: steady,
        unit: 'ms',
        baseline: parseOnly,
        baselineName: 'JSON parse + stringify only',
        target: '≤ 15 ms',
        met: steady <= 15,
      }),
      result({
        name: 'in-process, SMS: 1,000 emulator.send() + runUntilIdle()',
        value: smsCore,
        unit: 'ms',
        baseline: parseOnly,
        baselineName: 'JSON parse + stringify only',
        target: '≤ 15 ms',
        met: smsCore <= 15,
      }),
    ]
  } finally {
    server.close()
  }
}
