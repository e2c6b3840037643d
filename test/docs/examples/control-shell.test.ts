// The control API's and the webhook page's shell examples, verbatim (test/docs/snippets.test.ts checks
// each page's block is in this file), run with bash against a real server (E pointed at it, the
// receiver on port 3000 replaced by a real one), and what each did checked on the emulator.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../../src/runtime/create-emulator.js'
import { eventually } from '../../support/eventually.js'
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js'

// docs/control-api.md, "Manual actions"
const holdAndBounce = String.raw`
E=http://127.0.0.1:4600
ID=$(curl -s $E/v2/messages -H 'key: k' -H 'content-type: application/json' \
  -d '{"channel":"email","from":"news@brand.test","to":[{"email":["ann+hold@x.test"]}],
       "content":{"type":"html","subject":"Hi","html":"<a href=\"https://brand.test/offer\">offer</a>"}}' \
  | node -pe 'JSON.parse(require("fs").readFileSync(0)).messageId')
curl -s $E/_emulator/messages/$ID/recipients/ann+hold@x.test/actions \
  -H 'content-type: application/json' -d '{"action":"bounce","type":"mailboxfull"}'
curl -s "$E/_emulator/messages?recipient=ann&status=Bounce&limit=20"
`

// docs/control-api.md, "More examples" (run after the block above, which sets E)
const moreExamples = String.raw`
curl -s "$E/_emulator/webhooks?state=failed"                      # deliveries that gave up
curl -s -X POST $E/_emulator/webhooks/replay -H 'content-type: application/json'   # … send them all again
curl -s $E/_emulator/suppression -H 'content-type: application/json' -d '{"address":"bob@x.test","for":"1h"}'
curl -s -X PUT $E/_emulator/sandbox -H 'content-type: application/json' -d '{"enabled":true,"verified":["team.test"]}'
curl -s -X PUT $E/_emulator/clock -H 'content-type: application/json' -d '{"mode":"virtual"}'   # freeze time
curl -s $E/_emulator/clock/advance -H 'content-type: application/json' -d '{"by":"7d"}'         # a week passes
curl -s -X PUT $E/_emulator/clock -H 'content-type: application/json' -d '{"mode":"real"}'      # time runs again
curl -s -X POST $E/_emulator/reset -H 'content-type: application/json'   # back to the configured state (the clock keeps its time)
curl -sN $E/_emulator/events                                       # tail everything; Ctrl-C to stop
`

// docs/control-api.md, "Inbound events"
const inboundEvents = String.raw`
E=http://127.0.0.1:4600
curl -s $E/_emulator/webhooks/targets -H 'content-type: application/json' \
  -d '{"url":"http://127.0.0.1:3000/inbound","format":"webhook","events":["inbound"]}'
curl -s $E/_emulator/inbound/email -H 'content-type: application/json' -d '{
  "from": "customer@x.test", "to": "support@brand.test", "subject": "Re: your order",
  "text": "Where is it?", "html": "<p>Where is it?</p>", "replyTo": "customer@x.test",
  "attachments": [{ "name": "photo.png", "contentType": "image/png", "content": "iVBORw0KGgo=" }]
}'
curl -s $E/_emulator/inbound/unsubscribe -H 'content-type: application/json' \
  -d '{"from":"customer@x.test","senderId":"news@brand.test","correlationId":"c-42"}'
curl -s $E/_emulator/inbound/subscribe -H 'content-type: application/json' \
  -d '{"from":"customer@x.test","senderId":"news@brand.test"}'
curl -s $E/_emulator/inbound                                       # what was injected
`

// docs/webhooks.md, Standard Webhooks signing
const signingTarget = String.raw`
E=http://127.0.0.1:4600
curl -s -X POST $E/_emulator/webhooks/targets -H 'content-type: application/json' \
  -d '{"url":"http://127.0.0.1:3000/hooks","signingSecret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}'
`

// docs/webhooks.md, faults at run time
const faultsAtRunTime = String.raw`
E=http://127.0.0.1:4600
curl -s -X PUT $E/_emulator/webhooks/targets/t1/faults -H 'content-type: application/json' -d '{"duplicate":1}'
curl -s $E/_emulator/webhooks/targets/t1/faults
curl -s -X DELETE $E/_emulator/webhooks/targets/t1/faults
`

let emulator: Emulator
let server: RunningServer
let receiver: WebhookReceiver

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  emulator = createEmulator({
    clock: 'real',
    config: { speed: 100, seed: 5, webhooks: { targets: [{ url: `${receiver.url}/receipts` }] } },
  })
  server = await startServer(emulator, { port: 0 })
})

afterAll(async () => {
  await server.close(500)
  await receiver.close()
})

/** Runs a block with bash: E set to the server, the receiver on port 3000 moved to ours. */
async function run(block: string): Promise<string> {
  const script = `E=${server.url}\n${block.replace(/^E=http:\/\/127\.0\.0\.1:4600$/m, '')}`.replaceAll(
    'http://127.0.0.1:3000',
    receiver.url,
  )
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { timeout: 20_000 })
  return stdout
}

describe('the control API shell examples', () => {
  it('docs/control-api.md: a held recipient bounced by hand is found by status', async () => {
    const out = await run(holdAndBounce)
    const listed = JSON.parse(out.slice(out.lastIndexOf('{"messages"')))
    expect(listed.messages).toHaveLength(1)
    const message = emulator.message(listed.messages[0].messageId)!
    expect(message.recipients[0]).toMatchObject({ address: 'ann+hold@x.test', status: 'Bounce' })
  })

  it('docs/control-api.md: the more examples run; a week passes; the stream is tailed', async () => {
    const before = Number(emulator.now())
    // The last line tails the event stream until Ctrl-C: here it stops after a second.
    const out = await run(
      moreExamples.replace('curl -sN $E/_emulator/events', 'curl -sN -m 1 $E/_emulator/events || true; : '),
    )
    expect(Number(emulator.now()) - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000)
    expect(out).toContain('"mode":"real"')
    expect(out).toMatch(/^(event|data|id|retry):/m) // the event stream, for the second it was tailed
    expect(out).not.toMatch(/"code":"(bad_request|not_found|conflict)"/)
  })

  it('docs/control-api.md: inbound events reach the target that opted in', async () => {
    const out = await run(inboundEvents)
    expect(out).toContain('customer@x.test')
    // The email (MO), the unsubscribe and the subscribe: three posts to the target that opted in.
    const inbound = await receiver.waitFor((all) => all.filter((r) => r.path === '/inbound').length >= 3)
    expect(JSON.stringify(inbound.filter((r) => r.path === '/inbound').map((r) => r.body))).toContain('Where is it?')
  })

  it('docs/webhooks.md: a target with a Standard Webhooks signing secret is added', async () => {
    await run(signingTarget)
    const targets = await (await fetch(`${server.url}/_emulator/webhooks/targets`)).json()
    expect(JSON.stringify(targets)).toContain(`${receiver.url}/hooks`)
  })

  it('docs/webhooks.md: faults set, read and cleared on t1 at run time', async () => {
    const out = await run(faultsAtRunTime)
    expect(out).toContain('"duplicate":1')
    await eventually(
      async () => (await fetch(`${server.url}/_emulator/webhooks/targets/t1/faults`)).json(),
      (faults) => !JSON.stringify(faults).includes('"duplicate":1'),
      { timeoutMs: 5_000, what: 'the faults cleared' },
    )
  })
})
