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
const app = 'a_bistro'
const ann = '447700900002'

/** docs/console.md's WhatsApp example, as written there (test/docs/snippets.test.ts keeps the two the same). */
const consoleWhatsappExample = `
curl -s http://127.0.0.1:4600/resources/v1/messaging -H 'key: dev' -H 'content-type: application/json' -d '{
  "deliverychannel": "whatsapp", "appid": "a_bistro",
  "destination": [{ "waid": ["447700900002"] }],
  "channels": { "OTT-Messaging": { "wa": { "type": "text", "text": { "body": "Your table is ready" } } } } }'
`

/** A session message (channels."OTT-Messaging".wa) from the app to `waid`. */
const session = (message: Record<string, unknown>, waid = ann) => ({
  deliverychannel: 'whatsapp',
  appid: app,
  destination: [{ waid: [waid] }],
  channels: { 'OTT-Messaging': { wa: message } },
})
const text = (body: string, waid = ann) => session({ type: 'text', text: { body } }, waid)

describe.skipIf(!hasChromium)('the web console: a WhatsApp conversation and its 24-hour window', () => {
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
      config: {
        seed: 42,
        whatsapp: { apps: [app], templates: { table_ready: { parameters: ['name'] } } },
        webhooks: { targets: [{ url: `${url}/inbound`, events: ['inbound'] }] },
      },
    })))
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator`))
  })
  afterEach(async () => {
    await page?.close()
    await stopConsoleServer({ server, receiver })
    expect(pageErrors.splice(0)).toEqual([])
  })

  const row = (listed: string) => page.locator('#messages li.msg', { hasText: listed })
  const conversation = () => page.getByRole('region', { name: 'WhatsApp conversation' })
  const bubbles = () => conversation().locator('#wa-chat > li')
  const windowState = () => conversation().locator('.wa-window')
  /** Each bubble's side and text, top to bottom. */
  const chat = () =>
    bubbles().evaluateAll((items) =>
      items.map((li) => [(li as HTMLElement).dataset.direction, (li as HTMLElement).innerText.replace(/\s+/g, ' ')]),
    )
  const advance = async (by: string) => {
    const response = await fetch(`${server.url}/_emulator/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by }),
    })
    expect(response.status).toBe(200)
  }

  /** Ann writes, the app answers with a list, Ann picks a row, sends a photo and a place; the app sends an image. */
  async function chatWithAnn() {
    emulator.inject('whatsapp', 'whatsapp', { waid: ann, text: 'Is my table ready?', username: 'Ann' })
    await emulator.advance(60_000)
    emulator.sendV1(
      session({
        type: 'list',
        list: {
          header: { type: 'text', text: 'Tables' },
          body: { text: 'Almost! Where would you like to sit?' },
          footer: { text: 'Bistro 42' },
          action: {
            button: 'Choose a table',
            sections: [
              {
                rows: [
                  { id: 'w', title: 'By the window' },
                  { id: 'g', title: 'In the garden' },
                ],
              },
            ],
          },
        },
      }),
    )
    await emulator.advance(60_000)
    emulator.inject('whatsapp', 'whatsappList', {
      waid: ann,
      listRowIdentifier: 'g',
      listRowTitle: 'In the garden',
    })
    await emulator.advance(60_000)
    emulator.inject('whatsapp', 'whatsapp', {
      waid: ann,
      type: 'location',
      location: { latitude: 51.5072, longitude: -0.1276, name: 'Trafalgar Square' },
    })
    await emulator.advance(60_000)
    emulator.sendV1(
      session({ type: 'image', image: { url: 'https://bistro.test/garden.jpg', caption: 'Your table in the garden' } }),
    )
    await emulator.advance(60_000)
  }

  it("shows the app's messages and the customer's in time order, each on its side, as the phone shows them", async () => {
    await chatWithAnn()
    await row('Your table in the garden').click()
    await bubbles().nth(4).waitFor()
    expect(await chat()).toEqual([
      ['in', 'Is my table ready? 09:30:00'],
      [
        'out',
        'Tables Almost! Where would you like to sit? Bistro 42 Choose a table By the window In the garden 09:31:00 Read',
      ],
      ['in', 'In the garden list row 09:32:00'],
      ['in', 'LOCATION Trafalgar Square (51.5072, -0.1276) 09:33:00'],
      ['out', 'IMAGE https://bistro.test/garden.jpg Your table in the garden 09:34:00 Read'],
    ])
    // The app's bubbles are on the right, the customer's on the left.
    const [first, second] = await Promise.all([bubbles().nth(0).boundingBox(), bubbles().nth(1).boundingBox()])
    const chatBox = (await conversation().locator('#wa-chat').boundingBox())!
    expect(first!.x - chatBox.x).toBeLessThan(20)
    expect(chatBox.x + chatBox.width - (second!.x + second!.width)).toBeLessThan(20)
    expect(await conversation().locator('#wa-pair').innerText()).toBe(`${app} ↔ ${ann}`)
    // An email shows no conversation.
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'text', subject: 'Receipt', text: 'Hi' },
    })
    await row('Receipt').click()
    await page.locator('#detail h2.title', { hasText: 'Receipt' }).waitFor()
    await waitUntilSettled(page)
    expect(await conversation().isHidden()).toBe(true)
  })

  /** Sends docs/console.md's example as curl does. */
  async function sendExample() {
    const body = consoleWhatsappExample.match(/-d '([\s\S]*?)'\n/)?.[1]
    if (!body) throw new Error("docs/console.md's WhatsApp example has no -d '…' body")
    const response = await fetch(`${server.url}/resources/v1/messaging`, {
      method: 'POST',
      headers: { key: 'dev', 'content-type': 'application/json' },
      body,
    })
    expect(response.status).toBe(200)
  }

  it('shows the window closed, open once the customer writes from the form, and closed again 24 h later', async () => {
    await sendExample()
    await emulator.advance(60_000)
    await row('Your table is ready').click()
    await expect.poll(() => windowState().innerText()).toContain('Window closed')
    expect(await windowState().innerText()).toBe(
      'Window closed (the customer has not written): session messages fail with 7710 until the customer writes; templates still go.',
    )
    await expect.poll(chat).toEqual([['out', 'Your table is ready 09:30:00 Failed 7710 Re-engagement message']])

    const form = conversation().getByRole('form', { name: 'The customer writes in' })
    await form.getByLabel("Customer's message").fill('Is it by the window?')
    await form.getByRole('button', { name: 'Customer writes' }).click()
    await expect.poll(() => windowState().innerText()).toContain('Window open')
    expect(await windowState().innerText()).toBe(
      'Window open until 2025-01-07T09:31:00.000Z (closes in 1d 0h): session messages are delivered.',
    )
    await expect.poll(chat).toEqual([
      ['out', 'Your table is ready 09:30:00 Failed 7710 Re-engagement message'],
      ['in', 'Is it by the window? 09:31:00'],
    ])
    expect(await form.getByLabel("Customer's message").inputValue()).toBe('')
    await emulator.advance(0)
    // The form played what WhatsApp pushes: the app got the MO, and the API knows the window.
    const received = await receiver.waitFor((all) => all.some((r) => r.body?.event === 'MO'))
    expect(received.find((r) => r.body?.event === 'MO')!.body).toMatchObject({
      appId: app,
      waid: ann,
      message: 'Is it by the window?',
    })

    // Within the window the same request goes through.
    await sendExample()
    await emulator.advance(60_000)
    await expect.poll(() => bubbles().last().innerText()).toBe('Your table is ready\n09:31:00 Read')

    await advance('23h')
    await expect.poll(() => windowState().innerText()).toContain('(closes in 59m 0s)')
    await advance('1h')
    await expect.poll(() => windowState().innerText()).toContain('Window closed')
    expect(await windowState().innerText()).toBe(
      'Window closed (the customer last wrote at 2025-01-06T09:31:00.000Z): session messages fail with 7710 until the customer writes; templates still go.',
    )
  })

  it('injects a WhatsApp message from the Inbound tab, for any customer', async () => {
    await page.getByRole('tab', { name: /Inbound/ }).click()
    const form = page.getByRole('form', { name: 'Inject an incoming WhatsApp message' })
    await form.getByLabel('waid', { exact: true }).fill('447700900003')
    await form.getByLabel('text', { exact: true }).fill('Hello from Bob')
    await form.getByRole('button', { name: 'Inject WhatsApp message' }).click()
    await page.locator('#inbound tr.inbound-event', { hasText: 'Hello from Bob' }).waitFor()
    expect(emulator.inbound()).toMatchObject([{ channel: 'whatsapp', event: 'MO', from: '447700900003', to: [app] }])
    expect(await form.getByLabel('waid', { exact: true }).inputValue()).toBe('447700900003')
    expect(await form.getByLabel('text', { exact: true }).inputValue()).toBe('')
  })

  it('looks like its baseline, on a laptop and on a 400 px phone', async () => {
    await chatWithAnn()
    emulator.sendV1(text('See you soon', ann))
    await emulator.advance(60_000)
    await row('See you soon').click()
    await bubbles().nth(5).waitFor()
    await waitUntilSettled(page)
    await expectToLookLike(conversation(), 'whatsapp-conversation')

    await page.setViewportSize({ width: 400, height: 900 })
    await waitUntilSettled(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(400)
    await expectToLookLike(conversation(), 'whatsapp-conversation-400')
  })
})
