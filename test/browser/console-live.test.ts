import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import {
  type ConsoleBrowser,
  hasChromium,
  launchConsoleBrowser,
  resetConsole,
  screenshot,
} from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

describe.skipIf(!hasChromium)('the web console, live on a fast real clock', () => {
  let receiver: WebhookReceiver
  let emulator: Emulator
  let server: RunningServer
  let browser: ConsoleBrowser
  let page: Page
  let pageErrors: Error[]

  beforeAll(async () => {
    ;({ receiver, emulator, server } = await startConsoleServer((url) => ({
      clock: 'real',
      config: {
        speed: 1000, // a 1.5 s delivery takes 1.5 ms, a 60 s retry 60 ms
        webhooks: { targets: [{ url: `${url}/hooks` }, { url: `${url}/inbound`, events: ['inbound'] }] },
      },
    })))
    browser = await launchConsoleBrowser()
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator/`))
  })
  afterAll(async () => {
    await browser?.close()
    await stopConsoleServer({ server, receiver })
  })
  beforeEach(async () => {
    await resetConsole(page, () => {
      emulator.reset()
      receiver.received.length = 0
      receiver.respondWith(() => 200)
    })
  })
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([])
  })

  const send = async (
    to: string,
    subject: string,
    content: Record<string, string> = { type: 'html', html: '<p>Hi</p>' },
  ) => {
    const response = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'shop@example.com',
        to: [{ email: [to] }],
        content: { subject, ...content },
      }),
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { messageId: string }).messageId
  }
  const listed = (text: string) => page.locator('#messages li.msg', { hasText: text })
  const recipientCard = (address: string) =>
    page.locator('#detail .recipient', { has: page.locator('.address', { hasText: address }) })

  it('shows a message sent through the vendor API as it happens, without a reload', async () => {
    await page.locator('#messages .empty').waitFor()
    await send('dan@example.com', 'Live order 42')
    await listed('Live order 42').locator('.badge', { hasText: 'Delivered' }).waitFor()
    expect(await listed('Live order 42').textContent()).toContain('dan@example.com')
    await screenshot(page, 'live-message')
  })

  it('bounces a held recipient from its card and shows the webhook attempt with its payload', async () => {
    await send('ann+hold@example.com', 'Held for a decision')
    await listed('Held for a decision').click()
    const card = recipientCard('ann+hold@example.com')
    await card.locator('.row .badge', { hasText: 'Submitted' }).waitFor()
    await card.locator('select[data-choice="bounce"]').selectOption('Transient_MailboxFull')
    await card.getByRole('button', { name: 'bounce', exact: true }).click()

    const hooks = await receiver.waitFor((all) =>
      all.some((r) => r.body?.deliveryInfoNotification?.deliveryInfo?.deliveryStatus === 'Bounce'),
    )
    expect(
      hooks.find(
        (r) => r.path === '/hooks' && r.body.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Bounce',
      )!.body.deliveryInfoNotification.deliveryInfo.Description,
    ).toBe('Transient_MailboxFull')
    const delivery = page.locator('#detail .delivery', { hasText: 'Bounce 7520' })
    await delivery.locator('.attempts', { hasText: 'HTTP 200' }).waitFor()
    await delivery.getByText('payload').click()
    const payload = await delivery.locator('pre.payload').textContent()
    expect(JSON.parse(payload!).deliveryInfoNotification.deliveryInfo).toMatchObject({
      deliveryStatus: 'Bounce',
      Description: 'Transient_MailboxFull',
      destination: 'ann+hold@example.com',
    })
    await card.locator('.timeline', { hasText: 'Transient_MailboxFull' }).waitFor()
    await screenshot(page, 'hold-bounce')
  })

  it('shows the reason when the API refuses a manual action', async () => {
    await send('bob+hold@example.com', 'Plain text', { type: 'text', text: 'no tracking here' })
    await listed('Plain text').click()
    await recipientCard('bob+hold@example.com').getByRole('button', { name: 'read', exact: true }).click()
    await page.locator('#notice', { hasText: 'text mail is never read or clicked' }).waitFor()
    expect(emulator.message(emulator.messages()[0]!.messageId)!.recipients[0]!.status).toBe('Submitted')
    await screenshot(page, 'refused-action')
  })

  it('shows subjects and addresses with markup in them as text', async () => {
    const hostile = '<img src=x onerror="document.body.dataset.pwned=1">'
    await send(`eve+hold@example.com`, hostile)
    await listed(hostile).click()
    await page.locator('#detail h2', { hasText: hostile }).waitFor()
    expect(await page.locator('#messages img, #detail img').count()).toBe(0)
    expect(await page.locator('body[data-pwned]').count()).toBe(0)
    await screenshot(page, 'escaping')
  })

  it('runs no script but its own: markup that got past the escaping could not run one', async () => {
    const hostile = '<img src=x onerror="document.body.dataset.pwned = \'handler\'">'
    await send('eve+hold@example.com', hostile)
    const subject = listed(hostile).locator('.msg-subject')
    await subject.waitFor()
    // An escaping bug, made here on purpose: the subject put in as markup, and a script beside it.
    await subject.evaluate((line) => {
      const page = window as { violations?: string[] }
      page.violations = []
      document.addEventListener('securitypolicyviolation', (e) => page.violations!.push(e.effectiveDirective))
      line.innerHTML = line.textContent!
      const script = document.createElement('script')
      script.textContent = "document.body.dataset.pwned = 'script'"
      document.body.append(script)
    })
    await page.waitForFunction(
      () => document.body.dataset.pwned ?? ((window as { violations?: string[] }).violations?.length ?? 0) >= 2,
    )
    expect(await page.evaluate(() => document.body.dataset.pwned ?? 'nothing ran')).toBe('nothing ran')
    expect((await page.evaluate(() => (window as { violations?: string[] }).violations!)).sort()).toEqual([
      'script-src-attr',
      'script-src-elem',
    ])
    // The browser reports both refusals; they were the point here.
    expect(
      pageErrors
        .splice(0)
        .map((e) => e.message.match(/^Executing inline [a-z ]+ violates/)?.[0])
        .sort(),
    ).toEqual(['Executing inline event handler violates', 'Executing inline script violates'])
  })

  it('replays a delivery that failed every retry, from its card', async () => {
    receiver.respondWith((request) => (request.path === '/hooks' ? 500 : 200))
    await send('cat+hold@example.com', 'Receiver down')
    await listed('Receiver down').click()
    const delivery = page.locator('#detail .delivery', { hasText: 'Submitted 7501' })
    const replay = delivery.getByRole('button', { name: 'Replay' })
    await replay.waitFor()
    expect(await delivery.locator('.attempts tbody tr').count()).toBe(4)
    await page.locator('#failed-count', { hasText: '1 failed' }).waitFor()

    receiver.respondWith(() => 200)
    await replay.click()
    await delivery.locator('.badge', { hasText: 'delivered' }).waitFor()
    expect(await delivery.locator('.attempts tbody tr').count()).toBe(5)
    await page.locator('#failed-count').waitFor({ state: 'hidden' })
    await screenshot(page, 'replay')
  })

  it('replays every failed delivery from the Webhooks tab', async () => {
    receiver.respondWith((request) => (request.path === '/hooks' ? 500 : 200))
    await send('one+hold@example.com', 'First down')
    await send('two+hold@example.com', 'Second down')
    await page.locator('#failed-count', { hasText: '2 failed' }).waitFor()
    await page.getByRole('tab', { name: /Webhooks/ }).click()
    await page.locator('#webhooks-state').selectOption('failed')
    await page.locator('#webhooks .delivery', { hasText: 'two+hold@example.com' }).waitFor()

    receiver.respondWith(() => 200)
    await page.getByRole('button', { name: 'Replay all failed' }).click()
    await page.locator('#webhooks .empty', { hasText: 'No webhook deliveries in state failed' }).waitFor()
    // The failed list empties as soon as the replays are queued; their new attempts land a moment later.
    await expect.poll(() => emulator.deliveries().map((d) => d.state)).toEqual(['delivered', 'delivered'])
    await screenshot(page, 'replay-all')
  })

  it('injects an incoming email from the form, lists it, and posts it to the inbound target', async () => {
    await page.getByRole('tab', { name: /Inbound/ }).click()
    const form = page.getByRole('form', { name: 'Inject an incoming email' })
    await form.getByLabel('from', { exact: true }).fill('customer@example.com')
    await form.getByLabel('to', { exact: true }).fill('support@shop.test')
    await form.getByLabel('subject', { exact: true }).fill('Where is my order?')
    await form.getByLabel('text', { exact: true }).fill('Order 42 has not arrived.')
    await form.getByRole('button', { name: 'Inject email' }).click()

    await page.locator('#inbound tr.inbound-event', { hasText: 'Where is my order?' }).waitFor()
    const received = await receiver.waitFor((all) => all.some((r) => r.path === '/inbound'))
    expect(received.find((r) => r.path === '/inbound')!.raw).toContain('Where is my order?')
    expect(emulator.inbound()).toMatchObject([{ event: 'MO', from: 'customer@example.com', to: ['support@shop.test'] }])
    await screenshot(page, 'inbound-email')
  })

  it('injects an unsubscribe, which lands on the unsubscribe list', async () => {
    await page.getByRole('tab', { name: /Inbound/ }).click()
    await page.getByLabel('Customer address').fill('leaver@example.com')
    await page.getByLabel('Sender address').fill('shop@example.com')
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click()
    await page.locator('#inbound tr.inbound-event', { hasText: 'Unsubscribe' }).waitFor()
    await page.getByRole('tab', { name: /Unsubscribes/ }).click()
    await page.locator('#unsubscribes tr', { hasText: 'leaver@example.com' }).waitFor()
    expect(emulator.unsubscribed()).toMatchObject([{ sender: 'shop@example.com', address: 'leaver@example.com' }])
    await screenshot(page, 'inbound-unsubscribe')
  })

  it('pauses the real clock into virtual time and resumes it', async () => {
    await page.locator('#clock-mode', { hasText: 'real time' }).waitFor()
    await page.getByRole('button', { name: 'pause (virtual)' }).click()
    await page.locator('#clock-mode', { hasText: 'virtual time' }).waitFor()
    expect(emulator.clockState().mode).toBe('virtual')
    await page.getByRole('button', { name: 'resume (real)' }).click()
    await page.locator('#clock-mode', { hasText: 'real time' }).waitFor()
    expect(emulator.clockState().mode).toBe('real')
    await screenshot(page, 'clock-mode')
  })
})
