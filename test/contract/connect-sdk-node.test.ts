/**
 * Cisco's Node SDK for the sandbox API (CiscoDevNet/connect-sdk-node, MIT), built from its source
 * and run unchanged against the emulator over real HTTP: its SMS and WhatsApp clients send, read
 * the 202 and its Request-Id, and ask for the status. The SDK is not on the npm registry and its
 * code is not ours to commit, so this runs only when CONNECT_SDK_NODE_DIR names a checkout of it
 * (`git clone https://github.com/CiscoDevNet/connect-sdk-node`); CI replays its wire contract
 * instead (whatsapp-sandbox.test.ts, send-sms-v1.test.ts). Skipped, it says why in its title.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const sdkDir = process.env.CONNECT_SDK_NODE_DIR

/** Transpiles the SDK's src/ to CommonJS (what its `tsc` build makes), and loads its index. */
function buildSdk(dir: string): Record<string, any> {
  const out = join(tmpdir(), `connect-sdk-node-${process.pid}`)
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : [join(d, name)]))
  for (const file of walk(join(dir, 'src')).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
    })
    const target = join(out, relative(join(dir, 'src'), file)).replace(/\.ts$/, '.js')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, outputText)
  }
  writeFileSync(join(out, 'package.json'), '{"type":"commonjs"}')
  return createRequire(join(out, 'index.js'))('./index.js')
}

describe.skipIf(!sdkDir)(
  'connect-sdk-node, built from source, against the emulator (needs CONNECT_SDK_NODE_DIR)',
  () => {
    let sdk: Record<string, any>
    let emulator: Emulator
    let server: RunningServer
    let receiver: WebhookReceiver
    beforeAll(async () => {
      sdk = buildSdk(sdkDir!)
      receiver = await startWebhookReceiver()
      emulator = createEmulator({
        clock: 'real',
        config: { speed: 1000, serviceKeys: ['sdk-token'], whatsapp: { apps: ['a_123456789'] } },
      })
      server = await startServer(emulator, { port: 0 })
    })
    afterAll(async () => {
      await server?.close(0)
      await receiver?.close()
    })

    it('SmsClient: sends a text with a substitution (202, Request-Id, ids), posts the status callback, answers getStatus', async () => {
      const client = new sdk.SmsClient(new sdk.ClientConfiguration('sdk-token', server.url))
      const message = new sdk.SmsMessage().of_text('15550001000', '+447700900123', 'Hello $(name)!')
      message.correlationId = 'corId123'
      message.callbackUrl = `${receiver.url}/sms`
      message.callbackData = 'id:123|title:testData'
      message.addSubstitution('name', 'Tester')
      const sent = await client.sendMessage(message)
      expect(sent).toMatchObject({ statusCode: 202, correlationId: 'corId123' })
      expect(sent.requestId).toMatch(/\S/)
      expect(sent.messageId).toMatch(/\S/)
      expect(Date.parse(sent.acceptedTime)).not.toBeNaN()
      expect(emulator.message(sent.messageId)).toMatchObject({ channel: 'sms', text: 'Hello $(name)!' })

      const delivered = (r: { path: string; body: any }) => r.path === '/sms' && r.body?.status === 'DELIVERED'
      const callbacks = await receiver.waitFor((all) => all.some(delivered))
      expect(callbacks.find(delivered)?.body).toMatchObject({
        messageId: sent.messageId,
        callbackData: 'id:123|title:testData',
      })
      const status = await client.getStatus(sent.messageId)
      expect(status).toMatchObject({ statusCode: 200, messageId: sent.messageId })
    })

    it('SmsClient: a refused send rejects with the code and message the SDK reads', async () => {
      const client = new sdk.SmsClient(new sdk.ClientConfiguration('wrong-token', server.url))
      const message = new sdk.SmsMessage().of_text('15550001000', '+447700900123', 'Hi')
      await expect(client.sendMessage(message)).rejects.toMatchObject({ statusCode: 403, code: expect.any(String) })
    })

    it('WhatsappClient: sends a text inside the window (202), answers getStatus', async () => {
      emulator.inject('whatsapp', 'whatsapp', { waid: '+14155550100', text: 'hi', appId: 'a_123456789' })
      const client = new sdk.WhatsappClient(new sdk.ClientConfiguration('sdk-token', server.url))
      const message = new sdk.WhatsappTextMessage('a_123456789', '+14155550100', 'Hello $(name)!')
      message.addSubstitution('name', 'tester')
      const sent = await client.sendMessage(message)
      expect(sent).toMatchObject({ statusCode: 202 })
      expect(sent.messageId).toMatch(/\S/)
      expect(emulator.message(sent.messageId)?.channel).toBe('whatsapp')
      const status = await client.getStatus(sent.messageId)
      expect(status).toMatchObject({ statusCode: 200, messageId: sent.messageId })
    })
  },
)
