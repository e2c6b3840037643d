// The README's "Send an email and watch the webhooks", verbatim (test/docs/snippets.test.ts checks
// the README's blocks are in this file), run as three processes: the throwaway receiver, the
// emulator's CLI, and curl — on free ports instead of 3000 and 4600. The receiver must print the
// two receipts the README shows (ids and times aside).
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { type CliProcess, startCli } from '../../support/cli.js'
import { eventually } from '../../support/eventually.js'

const receiverCommand = String.raw`
node -e "require('http').createServer((q,s)=>{let b='';q.on('data',c=>b+=c).on('end',()=>{console.log(b);s.end()})}).listen(3000)"
`

const emulatorCommand = String.raw`
npx webex-connect-emulator start --webhook-url http://127.0.0.1:3000/webhooks
`

const sendCommand = String.raw`
curl -s http://127.0.0.1:4600/v2/messages \
  -H 'key: my-service-key' -H 'content-type: application/json' \
  -d '{
    "channel": "email",
    "from": "sender@domain.tld",
    "to": [{ "email": ["destination@domain.tld"], "correlationId": "order-42" }],
    "content": { "type": "text", "subject": "Your order", "text": "Simple text content" },
    "callbackData": "callbackdata"
  }'
`

const receiverPrints = String.raw`
{"deliveryInfoNotification":{"deliveryInfo":{"deliveryChannel":"email","Description":"Submitted","destinationType":"email","timeStamp":"2026-11-24T10:00:00.000Z","code":"7501","deliveryStatus":"Submitted","destination":"destination@domain.tld","additionalInfo":""},"correlationid":"order-42","callbackData":"callbackdata","transid":"4b72d8a2-290d-49e2-993e-3bd8edf31c81","subtid":""}}
{"deliveryInfoNotification":{"deliveryInfo":{"deliveryChannel":"email","Description":"Delivered","destinationType":"email","timeStamp":"2026-11-24T10:00:01.500Z","code":"7500","deliveryStatus":"Delivered","destination":"destination@domain.tld","additionalInfo":""},"correlationid":"order-42","callbackData":"callbackdata","transid":"4b72d8a2-290d-49e2-993e-3bd8edf31c81","subtid":""}}
`

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Times and ids differ from run to run; everything else must be as the README shows. */
const withoutIdsAndTimes = (line: string) =>
  JSON.stringify(JSON.parse(line), (key, value) => (['timeStamp', 'transid'].includes(key) ? '…' : value))

describe("the README's quick start", () => {
  let receiver: ChildProcess | undefined
  let emulator: (CliProcess & { url: string }) | undefined
  afterAll(async () => {
    for (const child of [receiver, emulator?.child]) {
      if (child && child.exitCode === null) {
        child.kill()
        await new Promise((resolve) => child.once('exit', resolve))
      }
    }
  })

  it('receives Submitted, then Delivered, as shown', { timeout: 60_000 }, async () => {
    const port = await freePort()
    receiver = spawn('bash', ['-c', receiverCommand.trim().replace('.listen(3000)', `.listen(${port})`)])
    let printed = ''
    receiver.stdout!.on('data', (chunk) => (printed += chunk))

    // `npx webex-connect-emulator` is bin/webex-connect-emulator.js; port 0 instead of the default 4600.
    const args = emulatorCommand.trim().replace('npx webex-connect-emulator start ', '').split(' ')
    emulator = await startCli(args.map((arg) => arg.replace('127.0.0.1:3000', `127.0.0.1:${port}`)))

    const { stdout } = await promisify(execFile)('bash', [
      '-c',
      sendCommand.trim().replace('http://127.0.0.1:4600', emulator.url),
    ])
    expect(JSON.parse(stdout)).toMatchObject({ correlationId: 'order-42', status: 'queued' })

    const shown = receiverPrints.trim().split('\n')
    const lines = await eventually(
      () => printed.trim().split('\n').filter(Boolean),
      (got) => got.length >= shown.length,
      { timeoutMs: 20_000, what: 'two receipts printed by the receiver', show: (got) => got.join('\n') },
    )
    expect(lines.map(withoutIdsAndTimes)).toEqual(shown.map(withoutIdsAndTimes))
    const [submitted, delivered] = lines.map((line) => JSON.parse(line).deliveryInfoNotification)
    expect(submitted.transid).toBe(JSON.parse(stdout).messageId)
    // "then Delivered 1.5 s later" (on the real clock, Submitted is stamped a little after acceptance)
    const gap = Date.parse(delivered.deliveryInfo.timeStamp) - Date.parse(submitted.deliveryInfo.timeStamp)
    expect(gap).toBeGreaterThan(1000)
    expect(gap).toBeLessThanOrEqual(2500)
  })
})
