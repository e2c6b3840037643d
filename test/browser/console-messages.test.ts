import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { RuntimeEmulator } from '../../src/runtime/create-runtime-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

/** Monday 6 January 2025, 09:30 UTC: every test starts its emulator's virtual clock here. */
const start = Date.UTC(2025, 0, 6, 9, 30)

describe.skipIf(!hasChromium)('the web console: messages and their recipients', () => {
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
  // A fresh emulator per test: its clock, ids and screen are the same however the tests are run.
  beforeEach(async () => {
    ;({ receiver, emulator, server } = await startConsoleServer(() => ({
      clock: 'virtual',
      startAt: start,
      config: { seed: 42 },
    })))
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator`))
  })
  afterEach(async () => {
    await page?.close()
    await stopConsoleServer({ server, receiver })
    expect(pageErrors.splice(0)).toEqual([])
  })

  const send = (to: string[], subject: string, type: 'html' | 'text' = 'html') =>
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: to }],
      content: type === 'html' ? { type, subject, html: '<p>Hi</p>' } : { type, subject, text: 'Hi' },
    }).messageId
  const listed = (subject: string) => page.locator('#messages li.msg', { hasText: subject })
  const card = (address: string) =>
    page.locator('#detail .recipient', { has: page.locator('.address', { hasText: address }) })
  const button = (address: string, action: string) => card(address).getByRole('button', { name: action, exact: true })
  const open = async (subject: string) => {
    await listed(subject).click()
    await page.locator('#detail h2', { hasText: subject }).waitFor()
  }

  it("clears an action's error once a later action works, but not on a background refresh", async () => {
    send(['bob+hold@example.com'], 'Plain text', 'text')
    await open('Plain text')
    await button('bob+hold@example.com', 'read').click()
    const notice = page.locator('#notice', { hasText: 'text mail is never read or clicked' })
    await notice.waitFor()

    await emulator.advance(60_000) // the clock moves: every view refreshes, and that works
    await page.locator('#clock-time', { hasText: '09:31:00' }).waitFor()
    await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' })
    expect(await notice.isVisible()).toBe(true) // a refresh is not an answer to the refused action

    await button('bob+hold@example.com', 'deliver').click()
    await card('bob+hold@example.com').locator('.row .badge', { hasText: 'Delivered' }).waitFor()
    await page.locator('#notice').waitFor({ state: 'hidden' })
  })
})
