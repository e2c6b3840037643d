import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser, waitUntilSettled } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'
import { expectToLookLike } from './support/visual.js'

const tabs = ['Message', 'Webhooks', 'Bounce list', 'Unsubscribes', 'Sandbox', 'Inbound', 'Targets', 'Rules']

describe.skipIf(!hasChromium)('the web console page', () => {
  let browser: ConsoleBrowser
  let receiver: WebhookReceiver
  let emulator: Emulator
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

  /** Every tab, with something in it: long addresses, a target with a long header, a rule, a suppression. */
  const fillEveryTab = async () => {
    emulator.send({
      channel: 'email',
      from: 'notifications-and-receipts@a-rather-long-domain-name.example.com',
      to: [{ email: ['ann+hold@example.com', 'bartholomew.longname+newsletter@another-long-domain.example.com'] }],
      content: { type: 'html', subject: 'Your order has shipped and is on its way to you', html: '<p>Hi</p>' },
    })
    emulator.addTarget({
      url: `${receiver.url}/a/very/long/path/for/the/webhook/receiver/that/keeps/going`,
      format: 'webhook',
      headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.a-long-token-with-no-spaces-in-it-at-all' },
      events: ['delivered', 'bounce', 'complaint'],
    })
    emulator.addRule({ regex: '^ops-.*@example\\.com$', outcome: 'bounce-mailboxfull' })
    emulator.suppress('gone@example.com', { reason: 'a manual entry with a reason' })
    await emulator.advance(60_000)
  }

  it('fits a 400 px wide screen: nothing scrolls sideways on any tab', async () => {
    await page.setViewportSize({ width: 400, height: 900 })
    await fillEveryTab()
    await page.goto(`${server.url}/_emulator`)
    await waitUntilSettled(page)
    await page.locator('#messages li.msg').click()
    await page.locator('#detail .recipient').first().waitFor()

    for (const tab of tabs) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click()
      await waitUntilSettled(page)
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        // A pane that scrolls sideways is an overflow too, only hidden; wide tables scroll inside
        // their own wrapper, which is fine.
        panes: Array.from(document.querySelectorAll('.scroll'), (pane) => pane.scrollWidth - pane.clientWidth),
      }))
      expect({ tab, ...widths }).toEqual({ tab, page: 400, panes: [0, 0] })
    }
    await page.getByRole('tab', { name: 'Message' }).click()
    await page.locator('#detail iframe.email-html[data-loaded="true"]').waitFor() // the email's HTML, fitted
    await expectToLookLike(page, 'narrow-400')
  })

  it('has a favicon of its own, and asks nothing of any server but the emulator', async () => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(`${server.url}/_emulator`)
    await waitUntilSettled(page)

    const href = await page.locator('head link[rel="icon"]').getAttribute('href')
    expect(href).toMatch(/^data:image\/svg\+xml,/)
    // The icon is an image the browser can draw: put it in the page and look at its size.
    await page.evaluate((src) => {
      const img = document.createElement('img')
      img.id = 'icon-check'
      img.src = src
      document.body.append(img)
    }, href!)
    const icon = page.locator('#icon-check')
    await icon.evaluate((img: HTMLImageElement) => img.decode())
    expect(await icon.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)

    const elsewhere = requested.filter((url) => !url.startsWith(`${server.url}/_emulator`) && !url.startsWith('data:'))
    expect(elsewhere).toEqual([])
    expect(requested.filter((url) => url.includes('favicon'))).toEqual([])
  })

  it('offers the bounce and complaint types the server lists in the page, not a list of its own', async () => {
    // Serve the page with a changed vocabulary: what the selects offer must follow it.
    await page.route(`${server.url}/_emulator`, async (route) => {
      const response = await route.fetch()
      const html = (await response.text()).replace(
        /(<script type="application\/json" id="console-vocabulary">)(.*?)(<\/script>)/,
        (_, open: string, json: string, close: string) => {
          const vocabulary = JSON.parse(json)
          const actions = vocabulary.channels.find((c: { name: string }) => c.name === 'email').actions
          const choice = (name: string) => actions.find((a: { name: string }) => a.name === name).choice
          choice('bounce').values = ['Transient_MailboxFull', 'Permanent_Imaginary']
          choice('complain').values = ['abuse', 'imaginary']
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
