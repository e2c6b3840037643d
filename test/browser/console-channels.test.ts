import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'

/** docs/console.md's SMS example, as written there (test/docs/snippets.test.ts keeps the two the same). */
const consoleSmsExample = `
curl -s http://127.0.0.1:4600/v2/messages -H 'key: dev' -H 'content-type: application/json' -d '{
  "channel": "sms", "from": "SHOP",
  "to": [{ "msisdn": ["447700900901"] }],
  "content": { "type": "text", "text": "Your order 42 has shipped and is on its way to you. Track it at any time in the app, where you can also change the delivery day, pick a safe place or send it to a neighbour instead." } }'
`

/** The example's request body. */
function smsExampleBody(): { channel: 'sms'; content: { text: string } } & Record<string, unknown> {
  const body = consoleSmsExample.match(/-d '([\s\S]*?)'\n/)?.[1]
  if (!body) throw new Error("docs/console.md's SMS example has no -d '…' body")
  return JSON.parse(body)
}

/** Monday 6 January 2025, 09:30 UTC: every test starts its emulator's virtual clock here. */
const start = Date.UTC(2025, 0, 6, 9, 30)
/** 200 GSM-7 characters: two parts of at most 153. */
const longText = `Your order 42 has shipped. ${'Track it with the link in the app. '.repeat(5)}`.slice(0, 200)

describe.skipIf(!hasChromium)('the web console: every channel', () => {
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
    ;({ receiver, emulator, server } = await startConsoleServer((url) => ({
      clock: 'virtual',
      startAt: start,
      config: { seed: 42, webhooks: { targets: [{ url: `${url}/mo`, events: ['mo'] }] } },
    })))
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator`))
  })
  afterEach(async () => {
    await page?.close()
    await stopConsoleServer({ server, receiver })
    expect(pageErrors.splice(0)).toEqual([])
  })

  const sendEmail = (subject: string) =>
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject, text: 'Hi' },
    }).messageId
  const sendSms = (number: string, text: string) =>
    emulator.send({ channel: 'sms', from: 'SHOP', to: [{ msisdn: [number] }], content: { type: 'text', text } })
      .messageId
  const rows = () => page.locator('#messages li.msg')
  const row = (text: string) => page.locator('#messages li.msg', { hasText: text })

  it('lists an SMS beside an email, each with its channel, and filters by channel', async () => {
    sendEmail('Your receipt')
    sendSms('447700900123', 'Your code is 4321')
    await emulator.advance(60_000)

    await row('Your code is 4321').waitFor()
    await row('Your receipt').waitFor()
    expect(await row('Your code is 4321').locator('.channel').innerText()).toBe('SMS')
    expect(await row('Your receipt').locator('.channel').innerText()).toBe('Email')
    expect(await row('Your code is 4321').locator('.rcpt').innerText()).toContain('447700900123')
    // The list may first show the SMS at Submitted; the live stream brings Delivered.
    await row('Your code is 4321').locator('.rcpt .badge', { hasText: 'Delivered' }).waitFor()

    const filter = page.getByLabel('Filter by channel')
    expect(await filter.locator('option').allInnerTexts()).toEqual([
      'all channels',
      'Email',
      'SMS',
      'MMS',
      'RCS',
      'WhatsApp',
      'Messenger',
      'Apple Messages for Business',
    ])
    await filter.selectOption({ label: 'SMS' })
    await expect.poll(() => rows().allInnerTexts()).toHaveLength(1)
    expect(await rows().first().innerText()).toContain('Your code is 4321')
    expect(await page.locator('#messages-count').innerText()).toBe('(1)')

    await filter.selectOption({ label: 'Email' })
    await expect.poll(() => rows().locator('.channel').allInnerTexts()).toEqual(['Email'])

    // A new SMS arrives while the list shows email only: it stays out.
    sendSms('447700900124', 'Another code')
    await emulator.advance(1_000)
    await page.locator('#messages-count', { hasText: '(1)' }).waitFor()
    expect(await rows().locator('.channel').allInnerTexts()).toEqual(['Email'])

    await filter.selectOption({ label: 'all channels' })
    await expect.poll(() => rows().locator('.channel').allInnerTexts()).toEqual(['SMS', 'SMS', 'Email'])

    await page.getByLabel('Filter by recipient').fill('900124')
    await expect.poll(() => rows().allInnerTexts()).toHaveLength(1)
    await filter.selectOption({ label: 'Email' })
    await page.locator('#messages li.empty', { hasText: 'No Email message to a matching recipient.' }).waitFor()
  })

  it("shows an SMS's number, text, segments and encoding in the message view", async () => {
    const messageId = sendSms('447700900123', longText)
    sendSms('447700900125', 'Olá 😀')
    await emulator.advance(60_000)

    await row(longText.slice(0, 20)).click()
    const detail = page.locator('#detail')
    await detail.locator('h2', { hasText: longText.slice(0, 20) }).waitFor()
    const fact = (name: string) =>
      detail.locator('dl.facts dt', { hasText: name }).locator('xpath=following-sibling::dd[1]')
    expect(await fact('channel').innerText()).toBe('SMS')
    expect(await fact('segments').innerText()).toBe('2 segments (messageCount)')
    expect(await fact('encoding').innerText()).toBe('GSM-7')
    expect(await fact('length').innerText()).toBe('200 characters')
    expect(await detail.locator('pre.sms-text').innerText()).toBe(longText)

    const card = detail.locator('.recipient', { has: page.locator('.address', { hasText: '447700900123' }) })
    expect(await card.locator('.segments').innerText()).toBe('2 segments')
    await card.locator('.timeline li', { hasText: 'Delivered' }).waitFor()
    // What the page shows is what the receipts say.
    const delivered = emulator.message(messageId)!.recipients[0]!
    expect(delivered).toMatchObject({ address: '447700900123', status: 'Delivered', messageCount: 2 })
    expect(await card.locator('.timeline li', { hasText: 'Delivered' }).innerText()).toContain(
      delivered.receipts.find((r) => r.status === 'Delivered')!.code,
    )

    await row('Olá').click()
    await detail.locator('h2', { hasText: 'Olá' }).waitFor()
    expect(await fact('encoding').innerText()).toBe('UCS-2')
    expect(await fact('segments').innerText()).toBe('1 segment (messageCount)')
    // The email facts are email's alone.
    expect(await detail.locator('dl.facts dt', { hasText: 'subject' }).count()).toBe(0)
  })

  it("offers a held number the SMS channel's own actions, and fails it with the chosen code (the console docs' example)", async () => {
    const messageId = emulator.send(smsExampleBody()).messageId
    await emulator.advance(5_000)
    await row('Your order 42 has shipped').click()
    const card = page.locator('#detail .recipient', { has: page.locator('.address', { hasText: '447700900901' }) })
    await card.waitFor()
    // As the README says: two segments of GSM-7, held at Submitted.
    const fact = (name: string) =>
      page.locator('#detail dl.facts dt', { hasText: name }).locator('xpath=following-sibling::dd[1]')
    expect(await fact('segments').innerText()).toBe('2 segments (messageCount)')
    expect(await fact('encoding').innerText()).toBe('GSM-7')
    expect(await fact('length').innerText()).toBe(`${smsExampleBody().content.text.length} characters`)
    expect(await card.locator('.row .badge').innerText()).toBe('Submitted')
    expect(await card.locator('.actions button').allInnerTexts()).toEqual(['deliver', 'fail', 'click'])
    expect(await card.locator('select[data-choice="fail"] option').allInnerTexts()).toContain('7207')

    await card.locator('select[data-choice="fail"]').selectOption('7207')
    await card.getByRole('button', { name: 'fail', exact: true }).click()
    await card.locator('.row .badge', { hasText: 'Un-Delivered' }).waitFor()
    expect(emulator.message(messageId)!.recipients[0]!.receipts.at(-1)).toMatchObject({
      status: 'Un-Delivered',
      code: '7207',
    })
    for (const action of ['deliver', 'fail', 'click'])
      expect(await card.getByRole('button', { name: action, exact: true }).isDisabled()).toBe(true)
    expect(await card.locator('.why').innerText()).toBe(
      '447700900901 already ended with Un-Delivered: nothing more can happen to it.',
    )
  })

  it('injects an incoming SMS from the form, lists it with its channel, and posts it to the "mo" target', async () => {
    await page.getByRole('tab', { name: /Inbound/ }).click()
    const form = page.getByRole('form', { name: 'Inject an incoming SMS' })
    await form.getByLabel('from', { exact: true }).fill('447700900123')
    await form.getByLabel('to', { exact: true }).fill('60777')
    await form.getByLabel('text', { exact: true }).fill('STOP sending me offers')
    await form.getByRole('button', { name: 'Inject SMS' }).click()

    const listed = page.locator('#inbound tr.inbound-event', { hasText: 'STOP sending me offers' })
    await listed.waitFor()
    expect(await listed.locator('.channel').innerText()).toBe('SMS')
    await emulator.advance(1_000) // the webhook is posted on the emulator's (virtual) clock
    const received = await receiver.waitFor((all) => all.some((r) => r.path === '/mo'))
    expect(JSON.parse(received.find((r) => r.path === '/mo')!.raw)).toMatchObject({
      oa: '447700900123',
      da: '60777',
      message: 'STOP sending me offers',
      messageCount: '1',
    })
    expect(emulator.inbound()).toMatchObject([{ channel: 'sms', event: 'MO', from: '447700900123', to: ['60777'] }])
  })
})
