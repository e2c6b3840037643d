import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser, waitUntilSettled } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'
import { expectToLookLike } from './support/visual.js'

/** Monday 6 January 2025, 09:30 UTC: every test starts its emulator's virtual clock here. */
const start = Date.UTC(2025, 0, 6, 9, 30)

describe.skipIf(!hasChromium)('the web console: messages and their recipients', () => {
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

  describe('manual actions', () => {
    it('offers them only on a recipient held for a decision, and says why not on the others', async () => {
      send(['ann+hold@example.com', 'bob@example.com'], 'Two fates')
      await emulator.advance(60_000)
      await open('Two fates')
      await card('bob@example.com').locator('.row .badge', { hasText: 'Delivered' }).waitFor()

      for (const action of ['deliver', 'bounce', 'complain', 'read', 'click'])
        expect(await button('ann+hold@example.com', action).isEnabled()).toBe(true)
      expect(await card('ann+hold@example.com').locator('.why').count()).toBe(0)

      for (const action of ['deliver', 'bounce', 'complain', 'read', 'click']) {
        expect(await button('bob@example.com', action).isDisabled()).toBe(true)
        expect(await button('bob@example.com', action).getAttribute('title')).toContain(
          'Only recipients held for a manual action take actions',
        )
      }
      expect(await card('bob@example.com').locator('select[data-choice="bounce"]').isDisabled()).toBe(true)
      expect(await card('bob@example.com').locator('.why').innerText()).toContain(
        `bob@example.com's fate is "delivered (default)"`,
      )
    })

    it('narrows them as a held recipient moves on: no deliver or bounce once delivered, nothing after a bounce', async () => {
      send(['ann+hold@example.com', 'cat+hold@example.com'], 'Decisions')
      await open('Decisions')
      await button('ann+hold@example.com', 'deliver').click()
      await card('ann+hold@example.com').locator('.row .badge', { hasText: 'Delivered' }).waitFor()
      expect(await button('ann+hold@example.com', 'deliver').isDisabled()).toBe(true)
      expect(await button('ann+hold@example.com', 'bounce').isDisabled()).toBe(true)
      for (const action of ['complain', 'read', 'click'])
        expect(await button('ann+hold@example.com', action).isEnabled()).toBe(true)
      expect(await card('ann+hold@example.com').locator('.why').innerText()).toBe(
        'ann+hold@example.com was already delivered; it can still take complain, read, click.',
      )

      await card('cat+hold@example.com').locator('select[data-choice="bounce"]').selectOption('Permanent_General')
      await button('cat+hold@example.com', 'bounce').click()
      await card('cat+hold@example.com').locator('.row .badge', { hasText: 'Bounce' }).waitFor()
      for (const action of ['deliver', 'bounce', 'complain', 'read', 'click'])
        expect(await button('cat+hold@example.com', action).isDisabled()).toBe(true)
      expect(await card('cat+hold@example.com').locator('.why').innerText()).toBe(
        'cat+hold@example.com already ended with Bounce: nothing more can happen to it.',
      )
    })
  })

  /** An SMS "To many" to `count` numbers, played out. */
  async function smsToMany(count: number) {
    const numbers = Array.from({ length: count }, (_, i) => `4477009${String(10_000 + i)}`)
    emulator.send({
      channel: 'sms',
      from: 'SHOP',
      to: [{ msisdn: numbers }],
      content: { type: 'text', text: 'To many' },
    })
    await emulator.advance(60_000)
  }

  it("draws a big message's first 100 recipients and webhook deliveries until asked for all", async () => {
    emulator.addTarget({ url: `${receiver.url}/webhooks`, events: ['delivered'] })
    await smsToMany(150)
    await listed('To many').click()
    await page.locator('#detail h3', { hasText: 'Webhooks (150)' }).waitFor()
    expect(await page.locator('#detail .recipient').count()).toBe(100)
    expect(await page.locator('#detail .delivery').count()).toBe(100)
    expect(await page.locator('#detail p.more').allInnerTexts()).toEqual([
      'The first 100 of 150 recipients. Show all 150',
      'The first 100 of 150 deliveries. Show all 150',
    ])
    await page.locator('#detail p.more').first().getByRole('button', { name: 'Show all 150' }).click()
    await page.locator('#detail .recipient').nth(149).waitFor()
    expect(await page.locator('#detail .delivery').count()).toBe(150)
    expect(await page.locator('#detail p.more').count()).toBe(0)
  })

  it("names a big message's first 10 recipients in the list and counts the rest", async () => {
    send(['ann@example.com'], 'Before it')
    await smsToMany(1000)
    await listed('To many').waitFor()
    expect(await listed('To many').locator('.rcpt').count()).toBe(10)
    expect(await listed('To many').locator('.rcpts .more').innerText()).toBe('+990 more')
    // The message below it is still on the first screen.
    expect((await listed('Before it').boundingBox())!.y).toBeLessThan(300)
  })

  it('names the recipient a filter matched on its line, even one past the first 10', async () => {
    await smsToMany(1000)
    await listed('To many').waitFor()
    await page.getByLabel('Filter by recipient').fill(' 447700910500')
    await waitUntilSettled(page) // the input marked the list to reload; it has
    const chips = listed('To many').locator('.rcpt')
    expect(await chips.count()).toBe(10)
    expect(await chips.first().innerText()).toBe('447700910500 Delivered')
    expect(await listed('To many').locator('.rcpt.match').count()).toBe(1)
    expect(await listed('To many').locator('.rcpts .more').innerText()).toBe('+990 more')
  })

  describe('older messages', () => {
    const lines = (p: Page) => p.locator('#messages li.msg')
    const older = () => page.locator('#messages li.older')

    it('lists the newest 100, shows 100 older at a time, and keeps the older lines live', async () => {
      const first = send(['ann+hold@example.com'], 'Message 1')
      for (let i = 2; i <= 250; i++) send([`n${i}@example.com`], `Message ${i}`)
      await listed('Message 250').waitFor()
      await waitUntilSettled(page)
      expect(await lines(page).count()).toBe(100)
      expect(await page.locator('#messages-count').innerText()).toBe('(100 of 250)')
      expect(await older().count()).toBe(1)
      expect(await older().innerText()).toBe('Show 100 older 150 not shown')

      await older().getByRole('button', { name: 'Show 100 older' }).click()
      await lines(page).nth(199).waitFor()
      expect(await older().innerText()).toBe('Show 50 older 50 not shown')
      await older().getByRole('button', { name: 'Show 50 older' }).click()
      await lines(page).nth(249).waitFor()
      expect(await lines(page).count()).toBe(250)
      expect(await older().count()).toBe(0)
      expect(await page.locator('#messages-count').innerText()).toBe('(250)')
      expect(await lines(page).last().locator('.msg-subject').textContent()).toBe('Message 1')

      // Live: the oldest line follows its receipts, and new mail joins the top without losing it.
      await emulator.act(first, 'ann+hold@example.com', { action: 'deliver' })
      send(['zed@example.com'], 'Message 251')
      await listed('Message 251').waitFor()
      await lines(page).last().locator('.badge', { hasText: 'Delivered' }).waitFor()
      expect(await lines(page).count()).toBe(251)
    })

    it('keeps the older lines it was asked for while new mail joins the top', async () => {
      for (let i = 1; i <= 250; i++) send([`n${i}@example.com`], `Message ${i}`)
      await listed('Message 250').waitFor()
      await older().getByRole('button', { name: 'Show 100 older' }).click()
      await lines(page).nth(199).waitFor()
      expect(await lines(page).last().locator('.msg-subject').textContent()).toBe('Message 51')
      // Mail still coming in (a test run beside the console): the line looked at stays listed.
      for (let i = 251; i <= 255; i++) send([`n${i}@example.com`], `Message ${i}`)
      await listed('Message 255').waitFor()
      await waitUntilSettled(page)
      expect(await lines(page).count()).toBe(205)
      expect(await lines(page).last().locator('.msg-subject').textContent()).toBe('Message 51')
      expect(await page.locator('#messages-count').innerText()).toBe('(205 of 255)')
      await older().getByRole('button', { name: 'Show 50 older' }).click()
      await lines(page).nth(254).waitFor()
      expect(await older().count()).toBe(0)
      // A new filter starts again from the newest 100, following the top.
      await page.getByLabel('Filter by recipient').fill('example.com')
      await waitUntilSettled(page)
      send(['n256@example.com'], 'Message 256')
      await listed('Message 256').waitFor()
      await waitUntilSettled(page)
      expect(await lines(page).count()).toBe(100)
    })

    it('walks past the largest page (1,000) by cursor', async () => {
      for (let i = 1; i <= 1050; i++) send([`n${i}@example.com`], `Bulk ${i}`)
      await listed('Bulk 1050').waitFor()
      for (let shown = 100; shown < 1100; shown += 100) {
        await older().getByRole('button').click()
        await lines(page)
          .nth(Math.min(shown + 100, 1050) - 1)
          .waitFor()
      }
      expect(await lines(page).count()).toBe(1050)
      expect(await lines(page).last().locator('.msg-subject').textContent()).toBe('Bulk 1')
      send(['late@example.com'], 'Bulk 1051') // a live update reloads all of them
      await lines(page).nth(1050).waitFor()
      expect(await lines(page).last().locator('.msg-subject').textContent()).toBe('Bulk 1')
      expect(await older().count()).toBe(0)
    })

    it('starts again from the newest 100 when the filter changes', async () => {
      for (let i = 1; i <= 150; i++) send([`n${i}@example.com`], `Message ${i}`)
      await listed('Message 150').waitFor()
      await older().getByRole('button').click()
      await lines(page).nth(149).waitFor()
      await page.getByLabel('Filter by recipient').fill('example.com')
      await waitUntilSettled(page)
      expect(await lines(page).count()).toBe(100)
      expect(await older().innerText()).toBe('Show 50 older 50 not shown')
    })
  })

  it("shows a bounce's SMTP diagnostic with line breaks and slashes where the vendor's text has \\n and \\/", async () => {
    const messageId = send(['ann+hold@example.com'], 'No such user')
    await open('No such user')
    await card('ann+hold@example.com').locator('select[data-choice="bounce"]').selectOption('Permanent_NoEmail')
    await button('ann+hold@example.com', 'bounce').click()
    const diagnostic = card('ann+hold@example.com').locator('.timeline li', { hasText: 'Permanent_NoEmail' })
    await diagnostic.waitFor()

    const shown = await diagnostic.innerText()
    expect(shown).not.toContain('\\')
    expect(shown).toContain('Please try\n550-5.1.1 double-checking')
    expect(shown).toContain('https://support.google.com/mail/?p=NoSuchUser')
    // The data keeps the vendor's escapes; only the console reads them.
    const receipt = emulator.message(messageId)!.recipients[0]!.receipts.at(-1)!
    expect(receipt.additionalInfo).toContain('Please try\\n550-5.1.1')
    expect(receipt.additionalInfo).toContain('https:\\/\\/support.google.com')
  })

  it('shows held, bounced and delivered recipients as they should look', async () => {
    send(['ann+hold@example.com', 'bob@example.com', 'cat+hold@example.com'], 'Every kind of recipient')
    await emulator.advance(60_000)
    await open('Every kind of recipient')
    await card('ann+hold@example.com').locator('select[data-choice="bounce"]').selectOption('Permanent_NoEmail')
    await button('ann+hold@example.com', 'bounce').click()
    await card('ann+hold@example.com').locator('.timeline', { hasText: 'Permanent_NoEmail' }).waitFor()
    await card('bob@example.com').locator('.row .badge', { hasText: 'Delivered' }).waitFor()
    await page.locator('#detail iframe.email-html[data-loaded="true"]').waitFor() // the email's HTML, fitted
    await expectToLookLike(page.locator('#tab-message'), 'message-recipients')
  })

  it("shows the date of a message from an earlier day on the emulator's clock, the time alone for today's", async () => {
    send(['ann@example.com'], 'Sent last week')
    await emulator.advance(7 * 86_400_000)
    send(['bob@example.com'], 'Sent today')
    await listed('Sent today').waitFor()
    await page.locator('#clock-time', { hasText: '2025-01-13' }).waitFor()

    expect(await listed('Sent last week').locator('time').innerText()).toBe('2025-01-06 09:30:00')
    expect(await listed('Sent today').locator('time').innerText()).toBe('09:30:00')
    expect(await listed('Sent last week').locator('time').getAttribute('title')).toBe('2025-01-06 09:30:00.000 UTC')
    await expectToLookLike(page.locator('#messages'), 'message-list-dates')
  })

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
