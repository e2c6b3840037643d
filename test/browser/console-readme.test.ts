import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser, waitUntilSettled } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'
import { expectToLookLike } from './support/visual.js'

/** The README's picture of the console, made here (and checked here against what the console shows now). */
const picture = fileURLToPath(new URL('../../docs/console.png', import.meta.url))

describe.skipIf(!hasChromium)("the README's console screenshot", () => {
  let browser: ConsoleBrowser
  let receiver: WebhookReceiver
  let emulator: Emulator
  let server: RunningServer

  beforeAll(async () => {
    browser = await launchConsoleBrowser()
    // A deterministic scene: virtual clock from a fixed instant, seeded ids, no webhook targets
    // (their URLs and latencies would change from run to run).
    ;({ receiver, emulator, server } = await startConsoleServer(() => ({
      clock: 'virtual',
      startAt: Date.UTC(2025, 0, 6, 9, 30),
      config: { seed: 7 },
    })))
  })
  afterAll(async () => {
    await browser?.close()
    await stopConsoleServer({ server, receiver })
  })

  it('is the console as it looks now: email and SMS side by side, an SMS open with its segments', async () => {
    const email = (to: string[], subject: string) =>
      emulator.send({
        channel: 'email',
        from: 'shop@example.com',
        to: [{ email: to }],
        content: { type: 'html', subject, html: '<p>Hello</p>' },
      })
    const sms = (numbers: string[], text: string) =>
      emulator.send({ channel: 'sms', from: 'SHOP', to: [{ msisdn: numbers }], content: { type: 'text', text } })

    email(['ann@example.com', 'bob+bounce@example.com'], 'Welcome to the shop')
    await emulator.advance(20_000)
    sms(['447700900123'], 'Your code is 4321')
    await emulator.advance(20_000)
    email(['cat+hold@example.com'], 'Your order has shipped')
    await emulator.advance(20_000)
    sms(
      ['447700900901', '447700900207', '447700900124'],
      'Your order 42 has shipped and is on its way to you. Track it at any time in the app, where you can also change the delivery day, pick a safe place or send it to a neighbour instead.',
    )
    await emulator.advance(60_000)

    const { page, errors } = await browser.openConsole(`${server.url}/_emulator`)
    try {
      await page.setViewportSize({ width: 1280, height: 820 })
      await waitUntilSettled(page)
      await page.locator('#messages li.msg', { hasText: 'Your order 42' }).click()
      await page.locator('#detail .recipient .row .badge', { hasText: 'Un-Delivered' }).waitFor()
      await waitUntilSettled(page)
      await expectToLookLike(page, 'console', { baseline: picture })
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})
