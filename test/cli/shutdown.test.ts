/**
 * Shutdown of the real CLI with what holds servers open: an SSE client, a keep-alive connection,
 * webhook attempts in flight and more waiting. It must stop starting attempts at the signal, end
 * within the grace, and say (in JSON, in JSON mode) how many deliveries were still pending.
 */
import { writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { Agent, createServer, get, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, startCli, waitForOutput } from '../support/cli.js'
import { postEmailSend } from '../support/email-send.js'
import { eventually } from '../support/eventually.js'

const graceMs = 2_000

/** A webhook receiver that answers only when told to: attempts stay in flight meanwhile. */
async function startHoldingReceiver() {
  const held: ServerResponse[] = []
  let received = 0
  const server = createServer((req, res) => {
    received++
    req.resume()
    req.on('end', () => held.push(res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received: () => received,
    held: () => held.length,
    answerOne: () => held.shift()!.writeHead(200).end('ok'),
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const send = (url: string, to: string) => postEmailSend(`${url}/v2/messages`, to)

describe('start, shut down with an SSE client, a keep-alive connection and webhooks in flight', () => {
  let receiver: Awaited<ReturnType<typeof startHoldingReceiver>>
  let cli: CliProcess & { url: string }
  let agent: Agent
  let elapsedMs: number
  let exitCode: number | null
  let receivedAtSignal: number
  let sseEnded: Promise<string>
  let lines: string[]

  beforeAll(async () => {
    receiver = await startHoldingReceiver()
    const config = join(await mkdtemp(join(tmpdir(), 'wce-shutdown-')), 'emulator.json')
    writeFileSync(
      config,
      JSON.stringify({ speed: 1000, webhooks: { targets: [{ url: `${receiver.url}/h` }], concurrencyPerTarget: 2 } }),
    )
    cli = await startCli(['--config', config, '--log-format', 'json'])

    // An SSE client reading the event stream, and an idle keep-alive connection.
    const events = await fetch(`${cli.url}/_emulator/events`)
    const reader = events.body!.getReader()
    await reader.read() // the hello
    sseEnded = (async () => {
      let text = ''
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
          text += new TextDecoder().decode(chunk.value)
        return text.includes('event: shutdown') ? 'ended, saying why' : 'ended'
      } catch {
        return 'cut'
      }
    })()
    agent = new Agent({ keepAlive: true })
    await new Promise<void>((resolve) =>
      get(`${cli.url}/_emulator/health`, { agent }, (res) => res.resume().on('end', resolve)),
    )

    // Three sends: six deliveries to one target, two in flight (held), four waiting their turn.
    for (const to of ['a@x.test', 'b@x.test', 'c@x.test']) expect((await send(cli.url, to)).status).toBe(201)
    await eventually(
      async () => (await (await fetch(`${cli.url}/_emulator/stats`)).json()).deliveries,
      (n) => n === 6,
      { what: 'the six deliveries to be made' },
    )
    await eventually(receiver.held, (n) => n === 2, { what: 'two attempts in flight' })

    receivedAtSignal = receiver.received()
    const signalled = Date.now()
    cli.child.kill('SIGTERM')
    await waitForOutput(() => cli.output().stdout, /SIGTERM/)
    // One receiver answers after the signal: its lane is free, yet no waiting delivery may start.
    receiver.answerOne()
    exitCode = await cli.exited
    elapsedMs = Date.now() - signalled
    lines = cli.output().stdout.trim().split('\n')
  }, 90_000)

  afterAll(async () => {
    if (cli?.child.exitCode === null) cli.child.kill('SIGKILL')
    agent?.destroy()
    await receiver?.close()
  })

  it('exits 0 within the grace, not held up by the event stream or the keep-alive connection', () => {
    expect(exitCode).toBe(0)
    expect(elapsedMs).toBeLessThan(graceMs + 1_500)
  })

  it('ends the SSE stream with a shutdown event rather than cutting it', async () => {
    expect(await sseEnded).toBe('ended, saying why')
  })

  it('starts no webhook attempt after the signal', () => {
    expect(receivedAtSignal).toBe(2)
    expect(receiver.received()).toBe(2)
  })

  it('writes only JSON lines, shutdown included', () => {
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow()
    expect(cli.output().stdout).not.toMatch(/^\n|\n\n/)
  })

  it('says at the signal what is in flight and waiting, and at the end how many deliveries were still pending', () => {
    const records = lines.map((line) => JSON.parse(line))
    expect(records.find((r) => r.event === 'shutdown')).toMatchObject({
      level: 'info',
      signal: 'SIGTERM',
      inFlight: 2,
      pending: 4,
      graceMs,
    })
    // One of the six was delivered after the signal; the other in flight and the four waiting were not.
    expect(records.at(-1)).toMatchObject({ event: 'stopped', pending: 5 })
  })

  it('logs the attempt cut off by shutdown with its real latency, not the sped-up clock’s', () => {
    const records = lines.map((line) => JSON.parse(line))
    const cut = records.filter((r) => r.event === 'attempt' && r.verdict === 'interrupted')
    expect(cut).toHaveLength(1)
    // At speed 1000, emulated milliseconds would be about 1000 times the real ones (~2,000,000).
    expect(cut[0].latencyMs).toBeGreaterThanOrEqual(graceMs - 100)
    expect(cut[0].latencyMs).toBeLessThan(graceMs + 1_500)
  })
})
