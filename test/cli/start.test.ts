import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, runCli as run, waitForOutput } from '../support/cli.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

describe('webex-connect-emulator start', () => {
  let receiver: WebhookReceiver
  let server: CliProcess

  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    server = run([
      'start',
      '--port',
      '0',
      '--speed',
      '1000',
      '--seed',
      '7',
      '--timezone',
      'Asia/Kolkata',
      '--webhook-url',
      `${receiver.url}/hooks`,
    ])
  })
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await receiver.close()
  })

  it('prints its URL and webhook targets, serves sends, and exits cleanly on SIGTERM', async () => {
    const [, url] = await waitForOutput(() => server.output().stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
    expect(server.output().stdout).toContain(`${receiver.url}/hooks (webhook)`)
    const response = await fetch(`${url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'a@b.test',
        to: [{ email: ['c@d.test'] }],
        content: { type: 'text', subject: 's', text: 't' },
      }),
    })
    expect(response.status).toBe(201)
    await receiver.waitFor((r) => r.length === 2)
    expect(receiver.received[1]!.body.deliveryInfoNotification.deliveryInfo).toMatchObject({
      deliveryStatus: 'Delivered',
    })
    expect(receiver.received[1]!.body.deliveryInfoNotification.deliveryInfo.timeStamp).toMatch(/\+05:30$/)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })
})

describe('webex-connect-emulator start, refusing bad configuration', () => {
  it('names the bad key in a config file and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-'))
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify({ webhooks: { targets: [{ url: 'ftp://nope' }] }, colour: 'blue' }))
    const cli = run(['start', '--port', '0', '--config', file])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toMatch(/webhooks\.targets\[0\]\.url: expected an http\(s\) URL/)
    expect(cli.output().stderr).toMatch(/unknown key "colour"/)
  })

  it('explains a config file that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-'))
    const file = join(dir, 'config.json')
    writeFileSync(file, '{ nope')
    const cli = run(['start', '--config', file])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(`Config file ${file} is not valid JSON`)
  })

  it('rejects unknown flags and bad numbers', async () => {
    const unknown = run(['start', '--prot', '5000'])
    expect(await unknown.exited).toBe(2)
    expect(unknown.output().stderr).toMatch(/--prot/)
    const badSpeed = run(['start', '--speed', 'fast'])
    expect(await badSpeed.exited).toBe(2)
    expect(badSpeed.output().stderr).toContain('--speed expects a number, got "fast"')
  })

  it('prints help', async () => {
    const help = run(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.output().stdout).toContain('--webhook-url <url>')
  })
})
