// docs/v1-messaging.md's examples, run in order against a real server on port 0 with a real
// webhook receiver: its config, every curl command (the host swapped for the server's), each
// answer compared key for key (codes, descriptions and correlation ids by value; its HTTP status
// as the marker says, else 200 or 202), and every webhook shown received with the same keys, in
// the same order, and values (ids and times aside).
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { shapeOf } from '../support/seed-fixtures.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const doc = readFileSync(join(import.meta.dirname, '../../docs/v1-messaging.md'), 'utf8')
/** `<!-- example: KIND [STATUS] -->` then a fenced block; an answer's STATUS is its HTTP status when not 200/202. */
const examples = [...doc.matchAll(/<!-- example: (\w+)(?: (\d{3}))? -->\n```\w+\n([\s\S]*?)\n```/g)].map(
  ([, kind, status, text]) => ({ kind: kind!, text: text!, status: status === undefined ? undefined : Number(status) }),
)

interface Curl {
  method: string
  url: string
  headers: Record<string, string>
  body: string | undefined
}

/** Reads the curl commands the doc uses: -s, -X, -H '…', -d '…' (single-quoted, may span lines). */
function parseCurl(command: string): Curl {
  const url = /(https?:\/\/\S+)/.exec(command)![1]!
  const method = /-X (\w+)/.exec(command)?.[1]
  const headers = Object.fromEntries(
    [...command.matchAll(/-H '([^:]+):\s*([^']*)'/g)].map(([, name, value]) => [name!.toLowerCase(), value!]),
  )
  const body = /-d '([\s\S]*?)'\s*$/.exec(command)?.[1]
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, body }
}

/** Ids and times differ from run to run; everything else must be as the doc shows. */
const fixedValues = (value: any): any =>
  Array.isArray(value)
    ? value.map(fixedValues)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !['transid', 'subtid', 'timeStamp', 'acceptedTime', 'messageId', 'tid', 'ts'].includes(k))
            .map(([k, v]) => [k, fixedValues(v)]),
        )
      : value

describe('docs/v1-messaging.md', () => {
  let receiver: WebhookReceiver
  let server: ReturnType<typeof serve>
  let base: string
  const answers: Array<{ expected: any; actual: any; status: number; expectedStatus: number | undefined }> = []

  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    const configText = examples.find((e) => e.kind === 'config')!.text
    const config = JSON.parse(configText.replace('http://127.0.0.1:3000/webhooks', `${receiver.url}/webhooks`))
    const emulator = createEmulator({ config })
    server = serve({ fetch: createApp(emulator).fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: false })
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    let last: { body: any; status: number } | undefined
    for (const example of examples) {
      if (example.kind === 'request') {
        const curl = parseCurl(example.text.replace('http://127.0.0.1:4600', base))
        const response = await fetch(curl.url, { method: curl.method, headers: curl.headers, body: curl.body })
        last = { status: response.status, body: await response.json() }
      }
      if (example.kind === 'answer')
        answers.push({
          expected: JSON.parse(example.text),
          actual: last!.body,
          status: last!.status,
          expectedStatus: example.status,
        })
    }
  })

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await receiver?.close()
  })

  it('has examples to run', () => {
    expect(examples.filter((e) => e.kind === 'request').length).toBeGreaterThanOrEqual(6)
    expect(answers.length).toBeGreaterThanOrEqual(4)
  })

  it('answers every request as shown (HTTP 200, same keys, same codes and texts)', () => {
    for (const { expected, actual, status, expectedStatus } of answers) {
      expect(status).toBe(expectedStatus ?? ('acceptedTime' in expected ? 202 : 200))
      expect(shapeOf(actual)).toEqual(shapeOf(expected))
      expect(fixedValues(actual)).toEqual(fixedValues(expected))
    }
  })

  it('posts every webhook shown, with the same keys and values', async () => {
    for (const example of examples.filter((e) => e.kind === 'webhook')) {
      const expected = JSON.parse(example.text)
      const found = await receiver.waitFor((all) =>
        all.some((r) => JSON.stringify(fixedValues(r.body)) === JSON.stringify(fixedValues(expected))),
      )
      const match = found.find((r) => JSON.stringify(fixedValues(r.body)) === JSON.stringify(fixedValues(expected)))!
      expect(shapeOf(match.body)).toEqual(shapeOf(expected))
      // Key order as shown (the vendor's samples' order).
      expect(Object.keys(match.body)).toEqual(Object.keys(expected))
      // WhatsApp's transid ends "_0" (D-WAWH); Messenger's and the inbound events' do not.
      if (expected.deliveryInfoNotification?.deliveryInfo.deliveryChannel === 'whatsapp')
        expect(match.body.deliveryInfoNotification.transid).toMatch(/_0$/)
    }
  })

  it('after the user wrote in, a session message was read; 25 hours later the window had closed', async () => {
    const received = await receiver.waitFor((all) =>
      all.some((r) => r.body.deliveryInfoNotification?.deliveryInfo?.deliveryStatus === 'Read'),
    )
    const toAnn = received
      .map((r) => r.body.deliveryInfoNotification?.deliveryInfo)
      .filter((info) => info?.destination === '447700900002')
      .map((info) => info.deliveryStatus)
    // Both were sent at the same emulated moment: the Failed comes 1 s in, the Submitted at once.
    expect(toAnn.sort()).toEqual(['Delivered', 'Failed', 'Read', 'Submitted'])
    const windows = await (await fetch(`${base}/_emulator/whatsapp/windows`)).json()
    expect(windows.windows).toMatchObject([{ user: '447700900002', open: false }])
    expect(windows.optedOut).toMatchObject([{ user: '447700900001' }])
    const inbound = received.find((r) => r.body.event === 'MO')!.body
    expect(inbound).toMatchObject({
      channel: 'WhatsApp',
      waid: '447700900002',
      message: 'Is my table ready?',
      username: 'Ann',
    })
  })
})
