// docs/console.md's walkthrough, verbatim (test/docs/snippets.test.ts checks the page's block is in
// this file): `npm start` in this clone with a webhook target, then the curl that sends a held
// email — on a free port instead of 4600 (`--port 0` appended) and a receiver instead of 3000. The
// console's clicks that follow are test/browser's.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { waitForOutput } from '../../support/cli.js'
import { eventually } from '../../support/eventually.js'

const walkthrough = String.raw`
npm start -- --webhook-url http://127.0.0.1:3000/webhooks
curl -s http://127.0.0.1:4600/v2/messages -H 'key: dev' -H 'content-type: application/json' -d '{
  "channel": "email", "from": "shop@example.com",
  "to": [{ "email": ["ann+hold@example.com"] }],
  "content": { "type": "html", "subject": "Your order", "html": "<p>Shipped</p>" } }'
`

const root = join(import.meta.dirname, '../../..')
let emulator: ChildProcess | undefined
let receiver: Server | undefined
afterAll(async () => {
  // npm, its shell and tsx's node: the whole process group goes.
  if (emulator?.pid && emulator.exitCode === null) {
    process.kill(-emulator.pid, 'SIGTERM')
    await new Promise((resolve) => emulator!.once('exit', resolve))
  }
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)))
})

it('starts with a webhook target and holds ann+hold at Submitted, posting its receipt', {
  timeout: 90_000,
}, async () => {
  const received: string[] = []
  receiver = createServer((request, response) => {
    let body = ''
    request
      .on('data', (chunk) => (body += chunk))
      .on('end', () => {
        received.push(body)
        response.end()
      })
  })
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve))
  const hooks = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

  const [start, ...send] = walkthrough.trim().split('\n') as [string, ...string[]]
  emulator = spawn('bash', ['-c', `${start.replace('http://127.0.0.1:3000', hooks)} --port 0`], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  emulator.stdout!.on('data', (chunk) => (output += chunk))
  emulator.stderr!.on('data', (chunk) => (output += chunk))
  const [, url] = await waitForOutput(() => output, /listening on (http:\/\/127\.0\.0\.1:\d+)/)

  const { stdout } = await promisify(execFile)('bash', ['-c', send.join('\n').replace('http://127.0.0.1:4600', url!)])
  const { messageId } = JSON.parse(stdout)
  expect(messageId).toMatch(/\S/)
  const submitted = await eventually(
    () => received.map((body) => JSON.parse(body).deliveryInfoNotification?.deliveryInfo),
    (infos) => infos.some((info) => info?.deliveryStatus === 'Submitted'),
  )
  expect(submitted.find((info) => info?.deliveryStatus === 'Submitted')).toMatchObject({
    destination: 'ann+hold@example.com',
  })
  const message = await (await fetch(`${url}/_emulator/messages/${messageId}`)).json()
  expect(message.recipients[0]).toMatchObject({ address: 'ann+hold@example.com', status: 'Submitted' })
})
