// The README's SMS section and docs/sms.md, run as written: every `bash` block against a real
// server (its `E=` pointed at it, a real webhook receiver in place of http://127.0.0.1:3000), every
// `ts` block marked `// check` imported and run on the source. Each bash block has an expectation
// below, found by a line of it; a new block without one fails the "every block is checked" test.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/index.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { blocksOfLanguage, readmeSmsSection } from '../support/doc-blocks.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const root = join(import.meta.dirname, '../..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const smsSection = readmeSmsSection(readme).text
const docs = { 'README.md#sms': smsSection, 'docs/sms.md': readFileSync(join(root, 'docs/sms.md'), 'utf8') }

const blocks = (lang: string) =>
  Object.entries(docs).flatMap(([where, text]) => blocksOfLanguage(text, lang).map(({ code }) => ({ where, code })))

type Run = { emulator: Emulator; receiver: WebhookReceiver; stdout: string }
const receipts = (receiver: WebhookReceiver) =>
  receiver.received
    .map((r) => r.body?.deliveryInfoNotification?.deliveryInfo)
    .filter(Boolean)
    .map((i: any) => `${i.destination} ${i.deliveryStatus} ${i.code} parts ${i.messageCount}`)
const statuses = ({ emulator }: Run) =>
  emulator.messages().flatMap((m) => m.recipients.map((r) => `${r.address} ${r.status}`))
/** Waits (real time, sped up) until `check` passes. */
async function eventually(check: () => void, ms = 5_000) {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

/** What each bash block must have done, keyed by one of its lines. */
const expectations: Record<string, (run: Run) => Promise<void>> = {
  '"to": [{ "msisdn": ["+447700900123", "+447700900207"], "correlationId": "otp-1" }],': async (run) => {
    expect(JSON.parse(run.stdout.split('\n')[0]!)).toMatchObject({ status: 'queued', correlationId: 'otp-1' })
    await eventually(() => expect(statuses(run)).toEqual(['+447700900123 Delivered', '+447700900207 Un-Delivered']))
    expect(run.emulator.message(run.emulator.messages()[0]!.messageId)!.recipients[1]!.receipts.at(-1)).toMatchObject({
      code: '7207',
    })
    expect(run.emulator.inbound()).toEqual([
      expect.objectContaining({ channel: 'sms', event: 'MO', from: '+447700900123', to: ['88979'] }),
    ])
  },
  '"content": { "type": "text", "text": "Your code is $(code)" },': async (run) => {
    await eventually(() =>
      expect(receipts(run.receiver)).toEqual([
        '+447700900123 Submitted 7501 parts undefined',
        '+447700900123 Delivered 7500 parts 1',
      ]),
    )
    expect(run.receiver.received[1]!.body.deliveryInfoNotification).toMatchObject({
      correlationid: 'otp-1',
      callbackData: 'user-42',
      carrier: 'USTMO',
    })
    expect(run.receiver.received.every((r) => r.path === '/sms')).toBe(true)
  },
  '-d \'{"channel":"sms","prefix":"+44 7911","outcome":"sim-full"}\'': async (run) => {
    await eventually(() => expect(statuses(run)).toEqual(['+447911123456 Un-Delivered']))
    expect(run.emulator.messages()[0]!.recipients[0]!.receipts.at(-1)).toMatchObject({
      code: '7206',
      description: "Can't deliver. Subscriber SIM Full",
    })
  },
  '-d \'{"from":"+447700900124","to":"88979","text":"Is the sale still on?"}\'': async (run) => {
    await eventually(() => expect(run.receiver.received).toHaveLength(1))
    expect(run.receiver.received[0]).toMatchObject({
      path: '/mo',
      body: { oa: '+447700900124', da: '88979', message: 'Is the sale still on?', Channel: 'SMS' },
    })
    expect(run.stdout).toContain('"events":[{')
    expect(run.stdout).toContain('"channel":"sms"')
  },
  "-H 'Idempotency-Key: order-42-otp' \\": async (run) => {
    expect(JSON.parse(run.stdout)).toEqual({
      acceptedTime: expect.any(String),
      messageId: expect.any(String),
      correlationId: expect.any(String),
    })
    await eventually(() =>
      expect(run.receiver.received.map((r) => `${r.path} ${r.body.status}`)).toEqual(['/v1 SENT', '/v1 DELIVERED']),
    )
  },
}

describe('the SMS docs, run as written', () => {
  const bash = blocks('bash')

  it('every bash block is checked', () => {
    expect(bash.length).toBe(Object.keys(expectations).length)
    for (const block of bash)
      expect(
        Object.keys(expectations).filter((line) => block.code.includes(line)),
        `${block.where}:\n${block.code}`,
      ).toHaveLength(1)
  })

  it.each(bash.map((block) => [block.code.split('\n')[1]!.slice(0, 60), block] as const))(
    'bash: %s…',
    async (_, { code }) => {
      const emulator = createEmulator({ clock: 'real', config: { speed: 100 } })
      const server = await startServer(emulator, { port: 0 })
      const receiver = await startWebhookReceiver()
      try {
        expect(code).toContain('E=http://127.0.0.1:4600\n')
        const script = code
          .replace('E=http://127.0.0.1:4600', `E=${server.url}`)
          .replaceAll('http://127.0.0.1:3000', receiver.url)
        // A .curlrc that ends every answer with a newline: one JSON answer per line.
        const curlHome = join(root, 'test/.artifacts/sms-doc-curl')
        await mkdir(curlHome, { recursive: true })
        await writeFile(join(curlHome, '.curlrc'), 'write-out = "\\n"\n')
        const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
          timeout: 15_000,
          env: { ...process.env, CURL_HOME: curlHome },
        })
        // Control API answers (targets, rules) first; the vendor's answers are what the checks read.
        const vendor = stdout
          .split('\n')
          .filter((line) => line && !line.startsWith('{"id"') && !line.startsWith('{"rules"'))
          .join('\n')
        const check = Object.entries(expectations).find(([line]) => code.includes(line))![1]
        await check({ emulator, receiver, stdout: vendor })
      } finally {
        await server.close(0)
        await emulator.close(0)
        await receiver.close()
      }
    },
  )

  describe('ts blocks marked // check', () => {
    const dir = join(root, 'test/.artifacts/sms-doc')
    afterAll(() =>
      Promise.all(
        [dir, join(root, 'test/.artifacts/sms-doc-curl')].map((d) => rm(d, { recursive: true, force: true })),
      ),
    )
    const ts = blocks('ts').filter((block) => block.code.startsWith('// check\n'))

    it('there is one in each document', () => {
      expect(ts.map((block) => block.where)).toEqual(['README.md#sms', 'docs/sms.md'])
    })

    it.each(ts.map((block, index) => [block.where, { ...block, index }] as const))('%s runs', async (_, block) => {
      await mkdir(dir, { recursive: true })
      const file = join(dir, `example-${block.index + 1}.ts`)
      await writeFile(file, `${block.code}\nexport {}\n`)
      await expect(import(pathToFileURL(file).href)).resolves.toBeDefined()
    })
  })
})
