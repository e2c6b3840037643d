import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { RuntimeEmulator } from '../../src/runtime/create-runtime-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser, waitUntilSettled } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

describe.skipIf(!hasChromium)('the web console page', () => {
  let browser: ConsoleBrowser
  let receiver: WebhookReceiver
  let emulator: RuntimeEmulator
  let server: RunningServer
  let page: Page
  let pageErrors: Error[]

  beforeAll(async () => {
    browser = await launchConsoleBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    ;({ receiver, emulator, server } = await startConsoleServer(() => ({
      clock: 'virtual',
      startAt: Date.UTC(2025, 0, 6, 9, 30),
      config: { seed: 42 },
    })))
    ;({ page, errors: pageErrors } = await browser.newPage())
  })
  afterEach(async () => {
    await page?.close()
    await stopConsoleServer({ server, receiver })
    expect(pageErrors.splice(0)).toEqual([])
  })

  it('offers the bounce and complaint types the server lists in the page, not a list of its own', async () => {
    // Serve the page with a changed vocabulary: what the selects offer must follow it.
    await page.route(`${server.url}/_emulator`, async (route) => {
      const response = await route.fetch()
      const html = (await response.text()).replace(
        /(<script type="application\/json" id="console-vocabulary">)(.*?)(<\/script>)/,
        (_, open: string, json: string, close: string) => {
          const vocabulary = JSON.parse(json)
          vocabulary.email.bounceTypes = ['Transient_MailboxFull', 'Permanent_Imaginary']
          vocabulary.email.complaintTypes = ['abuse', 'imaginary']
          vocabulary.targetEvents = ['delivered', 'imaginary']
          return `${open}${JSON.stringify(vocabulary)}${close}`
        },
      )
      await route.fulfill({ response, body: html })
    })
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann+hold@example.com'] }],
      content: { type: 'text', subject: 'Held', text: 'Hi' },
    })
    await page.goto(`${server.url}/_emulator`)
    await waitUntilSettled(page)
    await page.locator('#messages li.msg').click()
    const card = page.locator('#detail .recipient')
    await card.waitFor()
    expect(await card.locator('select[data-choice="bounce"] option').allInnerTexts()).toEqual([
      'Transient_MailboxFull',
      'Permanent_Imaginary',
    ])
    expect(await card.locator('select[data-choice="complain"] option').allInnerTexts()).toEqual(['abuse', 'imaginary'])
    expect(await page.locator('#target-events').innerText()).toBe('delivered, imaginary')
  })
})
