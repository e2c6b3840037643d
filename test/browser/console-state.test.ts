import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import {
  type ConsoleBrowser,
  hasChromium,
  launchConsoleBrowser,
  resetConsole,
  screenshot,
} from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

const shownTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

describe.skipIf(!hasChromium)('the web console', () => {
  let browser: ConsoleBrowser
  let page: Page
  let pageErrors: Error[]

  beforeAll(async () => {
    browser = await launchConsoleBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([])
  })

  const send = async (server: RunningServer, to: string, subject: string) => {
    const response = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'shop@example.com',
        to: [{ email: [to] }],
        content: { type: 'text', subject, text: 'Hi' },
      }),
    })
    expect(response.status).toBe(201)
  }

  describe('on virtual time', () => {
    let receiver: WebhookReceiver
    let emulator: Emulator
    let server: RunningServer

    beforeAll(async () => {
      ;({ receiver, emulator, server } = await startConsoleServer((url) => ({
        clock: 'virtual',
        config: { webhooks: { targets: [{ url: `${url}/hooks` }] } },
      })))
      ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator/`))
    })
    afterAll(async () => {
      await page?.close()
      await stopConsoleServer({ server, receiver })
    })
    beforeEach(async () => {
      await resetConsole(page, () => {
        emulator.reset()
        receiver.received.length = 0
      })
    })

    it('shows when a bounce-list entry expires, and drops it once the clock passes 7 days', async () => {
      await send(server, 'ann+bounce@x.test', 'Bounces for good')
      await page.locator('#messages li.msg .badge', { hasText: 'Queued' }).waitFor() // virtual time stands still
      await page.getByRole('button', { name: '+1m' }).click()
      await page.locator('#messages li.msg .badge', { hasText: 'Bounce' }).waitFor()
      await receiver.waitFor((all) =>
        all.some((r) => r.body.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Bounce'),
      )

      await page.getByRole('tab', { name: /Bounce list/ }).click()
      const entry = emulator.suppressed()[0]!
      const expiry = page.locator('#suppression tr', { hasText: 'ann+bounce@x.test' }).locator('.expiry')
      await expiry.waitFor()
      expect(await expiry.textContent()).toBe(`${shownTime(entry.expiresAt!)} (in 6d 23h)`)

      await page.getByLabel('Advance by').fill('7d')
      await page.getByRole('button', { name: 'Advance', exact: true }).click()
      await page.locator('#suppression .empty').waitFor()
      expect(emulator.suppressed()).toEqual([])
      expect(await page.locator('#clock-time').textContent()).toBe(emulator.clockState().time)
      await screenshot(page, 'suppression-expiry')
    })

    it('adds an address to the bounce list from the form, then removes it', async () => {
      await page.getByRole('tab', { name: /Bounce list/ }).click()
      await page.getByLabel('Address to suppress').fill('manual@x.test')
      await page.getByLabel('Suppress for').fill('1h')
      await page.getByRole('button', { name: 'Add', exact: true }).click()
      const row = page.locator('#suppression tr', { hasText: 'manual@x.test' })
      await row.locator('.expiry', { hasText: '(in 1h 0m)' }).waitFor()
      expect(emulator.isSuppressed('manual@x.test')).toBe(true)

      await row.getByRole('button', { name: 'Remove' }).click()
      await page.locator('#suppression .empty').waitFor()
      expect(emulator.isSuppressed('manual@x.test')).toBe(false)
      await screenshot(page, 'suppression-add')
    })

    it("shows the API's reason when a form is refused", async () => {
      await page.getByRole('tab', { name: /Bounce list/ }).click()
      await page.getByLabel('Address to suppress').fill('manual@x.test')
      await page.getByLabel('Suppress for').fill('a while')
      await page.getByRole('button', { name: 'Add', exact: true }).click()
      await page.locator('#notice', { hasText: '"a while" is not a duration' }).waitFor()
      expect(emulator.suppressed()).toEqual([])
      await screenshot(page, 'suppression-refused')
    })

    it('adds and removes an unsubscribe', async () => {
      await page.getByRole('tab', { name: /Unsubscribes/ }).click()
      await page.getByLabel('Sender', { exact: true }).fill('shop@example.com')
      await page.getByLabel('Unsubscribed address').fill('gone@x.test')
      await page.getByRole('button', { name: 'Add', exact: true }).click()
      const row = page.locator('#unsubscribes tr', { hasText: 'gone@x.test' })
      await row.waitFor()
      expect(emulator.unsubscribed()).toMatchObject([{ sender: 'shop@example.com', address: 'gone@x.test' }])

      await row.getByRole('button', { name: 'Remove' }).click()
      await page.locator('#unsubscribes .empty').waitFor()
      expect(emulator.unsubscribed()).toEqual([])
      await screenshot(page, 'unsubscribes')
    })

    it('turns sandbox mode on and verifies an address', async () => {
      await page.getByRole('tab', { name: 'Sandbox' }).click()
      await page.getByLabel('sandbox').check()
      await page.locator('#sandbox', { hasText: 'Sandbox is on' }).waitFor()
      expect(emulator.sandbox().enabled).toBe(true)
      await page.getByLabel('Address to verify').fill('@trusted.test')
      await page.getByRole('button', { name: 'Verify' }).click()
      await page.locator('#sandbox tr', { hasText: 'trusted.test' }).waitFor()
      expect(emulator.sandbox().verified).toEqual(['trusted.test'])

      await page.locator('#sandbox tr', { hasText: 'trusted.test' }).getByRole('button', { name: 'Remove' }).click()
      await page.locator('#sandbox .empty').waitFor()
      expect(emulator.sandbox().verified).toEqual([])
      await screenshot(page, 'sandbox')
    })

    it('resets the emulator from the header', async () => {
      await send(server, 'dan@x.test', 'Soon forgotten')
      await page.locator('#messages li.msg', { hasText: 'Soon forgotten' }).waitFor()
      page.once('dialog', (dialog) => void dialog.accept())
      await page.getByRole('button', { name: 'Reset' }).click()
      await page.locator('#messages .empty').waitFor()
      expect(emulator.messages()).toEqual([])
      await screenshot(page, 'reset')
    })
  })

  describe('with a control token', () => {
    let emulator: Emulator
    let server: RunningServer

    beforeAll(async () => {
      emulator = createEmulator({ clock: 'virtual' })
      server = await startServer(emulator, { port: 0, host: '127.0.0.1', controlToken: 's3cret token' })
    })
    afterAll(async () => {
      await server?.close()
    })
    beforeEach(async () => {
      ;({ page, errors: pageErrors } = await browser.newPage())
    })
    afterEach(async () => {
      await page.close() // before the server closes: its open event stream would hold the server open
    })

    it('opened with ?token=, sends the token on every call and on the event stream', async () => {
      await page.goto(`${server.url}/_emulator/?token=${encodeURIComponent('s3cret token')}`)
      await page.locator('#live.on').waitFor()
      await send(server, 'dan@x.test', 'Behind a token')
      await page.locator('#messages li.msg', { hasText: 'Behind a token' }).waitFor()
      expect(await page.locator('#notice').isHidden()).toBe(true)
      await screenshot(page, 'token')
    })

    it("takes the token out of the address bar, so an email's link cannot pass it on as the Referer; a reload keeps it", async () => {
      const referers: Array<string | undefined> = []
      const elsewhere = createServer((req, res) => {
        if (req.url === '/track') referers.push(req.headers.referer)
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>')
      })
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/track`
      try {
        emulator.send({
          channel: 'email',
          from: 'shop@example.com',
          to: [{ email: ['dan@x.test'] }],
          content: {
            type: 'html',
            subject: 'Asks for every referrer',
            // The frame's referrer is the console's URL; the mail may ask for all of it.
            html: `<meta name="referrer" content="unsafe-url"><a href="${url}" referrerpolicy="unsafe-url">Track</a>`,
          },
        })
        await emulator.advance(1_000)
        await page.goto(`${server.url}/_emulator/?token=${encodeURIComponent('s3cret token')}#top`)
        await page.locator('#live.on').waitFor()
        expect(page.url()).toBe(`${server.url}/_emulator#top`)
        await page.locator('#messages li.msg', { hasText: 'Asks for every referrer' }).click()
        await page.locator('#detail iframe.email-html[data-loaded="true"]').waitFor()
        const opened = page.context().waitForEvent('page')
        await page.frameLocator('#detail iframe.email-html').getByRole('link', { name: 'Track' }).click()
        const tab = await opened
        await tab.waitForLoadState()
        await tab.close()
        expect(referers).toEqual([`${server.url}/_emulator`])
        // The tab kept the token: a reload is as live as before.
        await page.reload()
        await page.locator('#live.on').waitFor()
        expect(await page.locator('#notice').isHidden()).toBe(true)
      } finally {
        await new Promise((resolve) => elsewhere.close(resolve))
      }
    })

    it('opened without the token, says the control API needs it', async () => {
      await page.goto(`${server.url}/_emulator/`)
      await page.locator('#notice', { hasText: 'The control API needs the control token' }).waitFor()
      await page.locator('#live', { hasText: 'disconnected' }).waitFor() // it answers but refuses: no point retrying
      expect(await page.locator('#live').getAttribute('class')).not.toBe('on')
      await screenshot(page, 'token-missing')
    })
  })
})
