import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  dataStreamReceiptSchema,
  webhookReceiptSchema,
} from '../../src/core/channels/email/schemas/delivery-receipt.js'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js'
import {
  type ConsoleBrowser,
  hasChromium,
  launchConsoleBrowser,
  resetConsole,
  screenshot,
} from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

const status = (hook: ReceivedWebhook): string | undefined =>
  hook.body?.deliveryInfoNotification?.deliveryInfo?.deliveryStatus

describe.skipIf(!hasChromium)('the web console: webhook targets and outcome rules', () => {
  let receiver: WebhookReceiver
  let emulator: Emulator
  let server: RunningServer
  let browser: ConsoleBrowser
  let page: Page
  let pageErrors: Error[]

  beforeAll(async () => {
    ;({ receiver, emulator, server } = await startConsoleServer(() => ({ clock: 'real', config: { speed: 1000 } }))) // a 1.5 s delivery takes 1.5 ms
    browser = await launchConsoleBrowser()
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator/`))
  })
  afterAll(async () => {
    await browser?.close()
    await stopConsoleServer({ server, receiver })
  })
  beforeEach(async () => {
    await resetConsole(page, () => {
      emulator.reset() // also forgets targets and rules added at run time
      receiver.received.length = 0
    })
  })
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([])
  })

  const send = async (to: string, subject: string) => {
    const response = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key: 'dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'shop@example.com',
        to: [{ email: [to] }],
        content: { type: 'html', subject, html: '<p>Hi</p>' },
      }),
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { messageId: string }).messageId
  }
  /** Waits for the Delivered receipt of one message at one path of the receiver. */
  const delivered = async (path: string, messageId: string) => {
    const all = await receiver.waitFor((hooks) =>
      hooks.some(
        (h) => h.path === path && h.body?.deliveryInfoNotification?.transid === messageId && status(h) === 'Delivered',
      ),
    )
    return all.find(
      (h) => h.path === path && h.body.deliveryInfoNotification.transid === messageId && status(h) === 'Delivered',
    )!
  }
  const addTarget = (path: string, extra: { hubSecret?: string; events?: ('delivered' | 'bounce')[] } = {}) =>
    emulator.addTarget({ url: `${receiver.url}${path}`, format: 'webhook', headers: {}, ...extra })
  const targetRow = (path: string) =>
    page.locator('#targets tr.target', { has: page.locator('.url', { hasText: `${receiver.url}${path}` }) })
  const openTab = (name: RegExp) => page.getByRole('tab', { name }).click()

  describe('Targets tab', () => {
    it("adds a target from the form, and a send's receipts reach it, signed and with its headers", async () => {
      await openTab(/Targets/)
      await page.getByLabel('url', { exact: true }).fill(`${receiver.url}/added`)
      await page.getByLabel('hub secret', { exact: true }).fill('shh')
      await page.getByLabel('headers', { exact: true }).fill('X-Tenant: acme\nX-Note: <b>bold</b>')
      await page.getByRole('button', { name: 'Add target' }).click()

      const row = targetRow('/added')
      await row.locator('.secret', { hasText: 'set' }).waitFor()
      expect(await row.locator('.format').textContent()).toBe('webhook')
      expect(await row.locator('.events').textContent()).toBe('every receipt')
      expect(await row.locator('.headers').textContent()).toBe('X-Tenant: acmeX-Note: <b>bold</b>')
      expect(await page.locator('#targets b').count()).toBe(0)
      expect(emulator.targets()).toMatchObject([
        { url: `${receiver.url}/added`, format: 'webhook', hubSecret: 'shh', headers: { 'X-Tenant': 'acme' } },
      ])
      expect(await page.getByLabel('url', { exact: true }).inputValue()).toBe('') // the form is cleared once added

      const hook = await delivered('/added', await send('dan@example.com', 'To the new target'))
      expect(webhookReceiptSchema.safeParse(hook.body).success).toBe(true)
      expect(hook.headers['x-tenant']).toBe('acme')
      expect(hook.headers['x-hub-signature']).toMatch(/^[0-9a-f]{64}$/)
      await screenshot(page, 'target-add')
    })

    it("changes a target's format to datastream: the next receipt arrives in data-stream shape", async () => {
      addTarget('/switch')
      expect(
        webhookReceiptSchema.safeParse((await delivered('/switch', await send('ann@example.com', 'Before'))).body)
          .success,
      ).toBe(true)

      await openTab(/Targets/)
      await targetRow('/switch').getByRole('button', { name: 'Edit' }).click()
      await page.getByLabel('new format').selectOption('datastream')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await targetRow('/switch').locator('.format', { hasText: 'datastream' }).waitFor()
      expect(await page.locator('form[data-form="change-target"]').isHidden()).toBe(true)
      expect(emulator.targets()[0]).toMatchObject({ format: 'datastream', headers: {} }) // only the format was sent

      const hook = await delivered('/switch', await send('ann@example.com', 'After'))
      expect(dataStreamReceiptSchema.parse(hook.body).dataIntegration).toBeDefined()
      await screenshot(page, 'target-format')
    })

    it("changes a target's events and removes its hub secret, keeping what is typed across live refreshes", async () => {
      addTarget('/picky', { hubSecret: 'old secret' })
      await openTab(/Targets/)
      await targetRow('/picky').getByRole('button', { name: 'Edit' }).click()
      await page.getByLabel('new events').fill('delivered')
      addTarget('/meanwhile') // someone else changes the targets: the list refreshes, the form keeps its text
      await targetRow('/meanwhile').waitFor()
      expect(await page.getByLabel('new events').inputValue()).toBe('delivered')
      await page.getByLabel('remove the hub secret').check()
      await page.getByRole('button', { name: 'Save changes' }).click()

      const row = targetRow('/picky')
      await row.locator('.secret', { hasText: 'not set' }).waitFor()
      expect(await row.locator('.events').textContent()).toBe('delivered')
      const target = emulator.targets().find((t) => t.url.endsWith('/picky'))!
      expect(target.events).toEqual(['delivered'])
      expect(target.hubSecret).toBeUndefined()

      const messageId = await send('bob@example.com', 'Only the delivery')
      const hook = await delivered('/picky', messageId)
      expect(hook.headers['x-hub-signature']).toBeUndefined()
      const sentThere = emulator.deliveries().filter((d) => d.transid === messageId && d.target.url.endsWith('/picky'))
      expect(sentThere.map((d) => JSON.parse(d.body).deliveryInfoNotification.deliveryInfo.deliveryStatus)).toEqual([
        'Delivered',
      ])
      await screenshot(page, 'target-events')
    })

    it('removes a target: later sends are no longer posted to it', async () => {
      addTarget('/gone')
      addTarget('/stays')
      await openTab(/Targets/)
      await targetRow('/gone').getByRole('button', { name: 'Remove' }).click()
      await targetRow('/gone').waitFor({ state: 'detached' })
      expect(emulator.targets().map((t) => t.url)).toEqual([`${receiver.url}/stays`])

      await delivered('/stays', await send('cat@example.com', 'After the removal'))
      expect(receiver.received.filter((h) => h.path === '/gone')).toEqual([])
      await screenshot(page, 'target-remove')
    })

    it("shows the API's reason when a target is refused, and keeps what was typed", async () => {
      await openTab(/Targets/)
      await page.getByLabel('url', { exact: true }).fill('ftp://files.example.com/hooks')
      await page.getByRole('button', { name: 'Add target' }).click()
      await page.locator('#notice', { hasText: 'expected an http(s) URL' }).waitFor()
      expect(emulator.targets()).toEqual([])
      expect(await page.getByLabel('url', { exact: true }).inputValue()).toBe('ftp://files.example.com/hooks')
      await screenshot(page, 'target-refused')
    })
  })

  describe('Rules tab', () => {
    it('adds a domain rule that bounces mail to the domain, then removes it', async () => {
      await openTab(/Rules/)
      await page.getByLabel('Matcher').selectOption('domain')
      await page.getByLabel('Match value').fill('bouncy.test')
      await page.getByLabel('Outcome', { exact: true }).fill('bounce')
      await page.getByRole('button', { name: 'Add rule' }).click()
      const rule = page.locator('#rules tr.rule', { hasText: 'bouncy.test' })
      await rule.waitFor()
      expect(emulator.rules()).toEqual([{ domain: 'bouncy.test', outcome: 'bounce' }])

      await send('ann@bouncy.test', 'Ruled to bounce')
      await page
        .locator('#messages li.msg', { hasText: 'Ruled to bounce' })
        .locator('.badge', { hasText: 'Bounce' })
        .waitFor()

      await rule.getByRole('button', { name: 'Remove' }).click()
      await page.locator('#rules .empty').waitFor()
      expect(emulator.rules()).toEqual([])
      await send('bob@bouncy.test', 'No rule any more')
      await page
        .locator('#messages li.msg', { hasText: 'No rule any more' })
        .locator('.badge', { hasText: 'Delivered' })
        .waitFor()
      await screenshot(page, 'rule-add-remove')
    })

    it("shows the API's reason when a rule is refused", async () => {
      await openTab(/Rules/)
      await page.getByLabel('Match value').fill('x.test')
      await page.getByLabel('Outcome', { exact: true }).fill('explode')
      await page.getByRole('button', { name: 'Add rule' }).click()
      await page.locator('#notice', { hasText: '"explode" is not an outcome' }).waitFor()
      expect(emulator.rules()).toEqual([])
      await screenshot(page, 'rule-refused')
    })
  })

  it('shows targets and rules changed through the API live, with markup in them as text', async () => {
    const hostile = '<img src=x onerror="document.body.dataset.pwned=1">'
    emulator.addTarget({
      url: `${receiver.url}/hostile`,
      format: 'datastream',
      headers: { 'X-Evil': hostile },
      events: ['bounce', 'inbound'],
      faults: {
        duplicate: 1,
        reorder: 0,
        reorderHold: 5_000,
        delay: 0,
        jitter: 0,
        dropFirstAttempt: 0,
        badSignature: 0,
      },
    })
    emulator.addRule({ glob: `${hostile}*`, outcome: 'hold' })
    await openTab(/Targets/)
    const row = targetRow('/hostile')
    await row.locator('.headers', { hasText: hostile }).waitFor()
    expect(await row.locator('.events').textContent()).toBe('bounce, inbound')
    expect(await row.locator('.faults').textContent()).toBe('duplicate: 1, reorderHold: 5000')
    await openTab(/Rules/)
    await page.locator('#rules tr.rule', { hasText: hostile }).waitFor()
    expect(await page.locator('#targets img, #rules img').count()).toBe(0)
    expect(await page.locator('body[data-pwned]').count()).toBe(0)
    expect(await page.getByRole('tab', { name: /Targets/ }).textContent()).toContain('(1)')
    await screenshot(page, 'config-escaping')
  })
})
