// docs/mms-rcs.md: every bash block runs, as written, with curl against a real server and a real
// webhook receiver; the `# {…}` answers it shows are checked, and so is what the prose says arrives.

import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { blocksOfLanguage } from '../support/doc-blocks.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const run = promisify(execFile)
const doc = readFileSync(join(import.meta.dirname, '../../docs/mms-rcs.md'), 'utf8')
const blocks = (lang: string) => blocksOfLanguage(doc, lang).map((b) => b.code)

let emulator: Emulator
let server: RunningServer
let receiver: WebhookReceiver

/**
 * The walkthrough's first block registers the receiver as a webhook target and the later blocks
 * rely on it: that command (a curl and its continuation line) runs once, as written, before any test,
 * and is taken out of the block, so each test stands alone in any order.
 */
const targetSetup = /^curl -s \$E\/_emulator\/webhooks\/targets .*\\\n.*\n/m

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  // Real time, 100× faster: the lifecycles' seconds pass in tens of milliseconds.
  emulator = createEmulator({ clock: 'real', config: { speed: 100, seed: 13 } })
  server = await startServer(emulator, { port: 0 })
  const setup = blocks('bash')[0]!.match(targetSetup)
  if (!setup) throw new Error("docs/mms-rcs.md's first bash block no longer registers a webhook target")
  expect(JSON.parse(await runScript(setup[0]))).toMatchObject({ id: expect.any(String), url: `${receiver.url}/hooks` })
})

afterAll(async () => {
  await server.close(500)
  await receiver.close()
})

/** Runs one block, less the target set-up beforeAll ran. */
async function runBlock(block: string): Promise<string> {
  return runScript(block.replace(targetSetup, ''))
}

/** Runs bash with E pointing at the server and the receiver on port 3000 moved to ours. */
async function runScript(block: string): Promise<string> {
  const script = `E=${server.url}\n${block.replace(/^E=.*$/m, '')}`.replaceAll('http://127.0.0.1:3000', receiver.url)
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 20_000 })
  return stdout
}

/** The messageId of the first 201 answer in a block's output (curl prints bodies back to back). */
const firstMessageId = (out: string): string => JSON.parse(out.match(/\{"requestTimestamp":[^{}]*\}/)![0]).messageId

/** The `# {…}` answers a block shows. */
const shownAnswers = (block: string) => [...block.matchAll(/^# (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!))

const statuses = (transid?: (id: string) => boolean) =>
  receiver.received
    .map((r) => r.body?.deliveryInfoNotification)
    .filter((n) => n && (!transid || transid(n.transid)))
    .map((n) => `${n.deliveryInfo.deliveryChannel} ${n.deliveryInfo.deliveryStatus} ${n.deliveryInfo.code}`)

describe('docs/mms-rcs.md', () => {
  const bash = blocks('bash')

  it('has the examples it promises', () => {
    expect(bash).toHaveLength(4)
  })

  it('RCS: a text with suggestions is delivered and read; a one-card carousel is refused as shown', async () => {
    const out = await runBlock(bash[0]!)
    for (const answer of shownAnswers(bash[0]!)) expect(out).toContain(JSON.stringify(answer))
    const rcsId = firstMessageId(out)
    expect(out.match(/"requestTimestamp"/g)).toHaveLength(1)
    await receiver.waitFor(() => statuses((t) => t === rcsId).length === 3)
    expect(statuses((t) => t === rcsId)).toEqual(['rcs Submitted 7501', 'rcs Delivered 7500', 'rcs Read 7502'])
    const read = receiver.received.find((r) => r.body?.deliveryInfoNotification?.deliveryInfo.code === '7502')!
    expect(read.body.deliveryInfoNotification).toMatchObject({
      carrier: '8',
      serviceProvider: 'GOOGLE',
      correlationid: 'order-42',
    })
  })

  it('RCS: a number that cannot take RCS fails with 7010 and gets the SMS fallback as <transid>_fallbackrcs', async () => {
    const out = await runBlock(bash[1]!)
    const rcsId = firstMessageId(out)
    const fallback = `${rcsId}_fallbackrcs`
    await receiver.waitFor(() => statuses((t) => t === fallback).length === 2)
    expect(statuses((t) => t === rcsId || t === fallback)).toEqual([
      'rcs Failed 7010',
      'SMS Submitted 7501',
      'SMS Delivered 7500',
    ])
    expect(emulator.message(fallback)).toMatchObject({ channel: 'sms', from: '88979', text: 'Your code is 123456' })
  })

  it('RCS: inbound events reach the target, as the samples', async () => {
    await runBlock(bash[2]!)
    await receiver.waitFor((all) => all.filter((r) => r.body?.channel === 'rcs').length === 5)
    expect(receiver.received.filter((r) => r.body?.channel === 'rcs').map((r) => r.body.event)).toEqual([
      'MO',
      'postback',
      'Location',
      'ATTACHMENT',
      'UNSUBSCRIBE',
    ])
    expect(receiver.received.find((r) => r.body?.event === 'postback')!.body).toMatchObject({
      msisdn: '+447700900123',
      appId: 'a_1570171',
      postback: 'yes',
    })
  })

  it('MMS: delivered, read and clicked with the MMS codes; a request without a subject is refused as shown', async () => {
    const out = await runBlock(bash[3]!)
    for (const answer of shownAnswers(bash[3]!)) expect(out).toContain(JSON.stringify(answer))
    const mmsId = firstMessageId(out)
    await receiver.waitFor(() => statuses((t) => t === mmsId).length === 4)
    expect(statuses((t) => t === mmsId)).toEqual([
      'mms Submitted 7501',
      'mms Delivered 7500',
      'mms Read 7524',
      'mms Clicked 7525',
    ])
    const clicked = receiver.received.find((r) => r.body?.deliveryInfoNotification?.deliveryInfo.code === '7525')!
    expect(clicked.body.deliveryInfoNotification).toMatchObject({
      deliveryInfo: { Description: 'https://shop.example.test/spring|192.0.2.1' },
      correlationid: 'spring-1',
    })
  })

  it('its configuration example is a valid config', () => {
    const [json] = blocks('json')
    const config = parseConfig(JSON.parse(json!))
    expect(config.rcs).toMatchObject({ apps: ['a_1570171'], fallbackOn: 'failure' })
    expect(config.mms.senders).toEqual(['15550001000'])
  })
})
