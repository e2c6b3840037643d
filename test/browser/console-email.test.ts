import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/http/serve.js'
import type { Emulator } from '../../src/runtime/create-emulator.js'
import type { WebhookReceiver } from '../support/webhook-receiver.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser } from './support/console-browser.js'
import { startConsoleServer, stopConsoleServer } from './support/console-server.js'
import { encodePng } from './support/png.js'
import { expectToLookLike } from './support/visual.js'

/** docs/console.md's email example, as written there (test/docs/snippets.test.ts keeps the two the same). */
const consoleEmailExample = String.raw`
curl -s http://127.0.0.1:4600/v2/messages -H 'key: dev' -H 'content-type: application/json' -d '{
  "channel": "email", "from": "shop@example.com",
  "to": [{ "email": ["ann@example.com"] }], "cc": ["orders@example.com"],
  "options": { "fromName": "The Shop", "trackOpens": true, "trackClicks": true, "tag1": "orders" },
  "content": { "type": "html", "subject": "Your order 42", "replyTo": "help@example.com",
    "html": "<h1>Your order 42 has shipped</h1><p><img src=\"https://images.example.com/parcel.png\" alt=\"A parcel\" width=\"64\" height=\"64\"></p><p><a href=\"https://example.com/track/42\">Track it</a></p>",
    "text": "Your order 42 has shipped. Track it: https://example.com/track/42",
    "attachments": [{ "name": "invoice-42.pdf", "mimetype": "application/pdf", "mediaUrl": "https://example.com/invoice-42.pdf" }] } }'
`

/** The example's request body, its image served by `images` (a real server here) instead. */
function emailExampleBody(images: string) {
  const body = consoleEmailExample.match(/-d '([\s\S]*?)'\n/)?.[1]
  if (!body) throw new Error("docs/console.md's email example has no -d '…' body")
  return JSON.parse(body.replaceAll('https://images.example.com', images))
}

/** Monday 6 January 2025, 09:30 UTC: every test starts its emulator's virtual clock here. */
const start = Date.UTC(2025, 0, 6, 9, 30)

/** A 64×64 orange square. */
const parcel = encodePng({
  width: 64,
  height: 64,
  pixels: new Uint8Array(64 * 64 * 4).map((_, i) => [230, 120, 20, 255][i % 4]!),
})

/** A real image server on 127.0.0.1: what the email's remote images would load, and how often it was asked. */
async function startImageServer(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(parcel)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server }
}

describe.skipIf(!hasChromium)('the web console: an email itself', () => {
  let browser: ConsoleBrowser
  let receiver: WebhookReceiver
  let emulator: Emulator
  let server: RunningServer
  let images: Awaited<ReturnType<typeof startImageServer>>
  let page: Page
  let pageErrors: Error[]

  beforeAll(async () => {
    browser = await launchConsoleBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    images = await startImageServer()
    ;({ receiver, emulator, server } = await startConsoleServer(() => ({
      clock: 'virtual',
      startAt: start,
      config: { seed: 42, email: { content: { maxBytes: 4096, totalBytes: 6000 } } },
    })))
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server.url}/_emulator`))
  })
  afterEach(async () => {
    await page?.close()
    await stopConsoleServer({ server, receiver })
    await new Promise((resolve) => images.server.close(resolve))
    expect(pageErrors.splice(0)).toEqual([])
  })

  const open = async (subject: string) => {
    await page.locator('#messages li.msg', { hasText: subject }).click()
    await page.locator('#detail h2', { hasText: subject }).waitFor()
  }
  const tab = (name: string | RegExp) => page.locator('#detail .email-tabs').getByRole('tab', { name })
  const panel = () => page.locator('#detail .email-part:not([hidden])')
  /** The email's frame once its document (and every image it may load) has loaded. */
  const loadedFrame = async () => {
    const frame = page.locator('#detail iframe.email-html[data-loaded="true"]')
    await frame.waitFor()
    return frame
  }
  /** The frame's document, read from the console's side (the frame itself runs no script). */
  const frameDoc = () => page.locator('#detail iframe.email-html')
  const docText = (selector: string) =>
    frameDoc().evaluate((f: HTMLIFrameElement, s) => f.contentDocument!.querySelector(s)?.textContent ?? null, selector)
  const imageWidth = () =>
    frameDoc().evaluate((f: HTMLIFrameElement) => f.contentDocument!.querySelector('img')!.naturalWidth)

  it('shows the HTML in a sandboxed frame, loading remote images only once asked, and the text, headers and attachments', async () => {
    // Held (+hold), so the test can change it while it is on screen.
    const { messageId } = emulator.send({ ...emailExampleBody(images.url), to: [{ email: ['ann+hold@example.com'] }] })
    await emulator.advance(1_000)
    await open('Your order 42')

    const frame = await loadedFrame()
    expect(await tab(/./).allInnerTexts()).toEqual(['HTML', 'Text', 'Headers', 'Attachments (1)'])
    expect(await tab('HTML').getAttribute('aria-selected')).toBe('true')
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts')
    expect(await docText('h1')).toBe('Your order 42 has shipped')
    // Loaded, image included (a load waits for its images): the image server was not asked.
    expect(images.requests).toEqual([])
    expect(await imageWidth()).toBe(0)
    expect(await page.locator('#detail .email-images').innerText()).toContain('Remote images are blocked.')

    await page.getByRole('button', { name: 'Load remote images' }).click()
    await page.getByRole('button', { name: 'Block remote images' }).waitFor()
    await loadedFrame()
    await expect.poll(() => images.requests).toEqual(['/parcel.png'])
    expect(await imageWidth()).toBe(64)
    // The frame fits its document: no inner scroll bar for a short mail.
    const { inner, outer } = await frame.evaluate((f: HTMLIFrameElement) => ({
      inner: f.contentDocument!.documentElement.scrollHeight,
      outer: f.clientHeight,
    }))
    expect(inner).toBeLessThanOrEqual(outer)
    await expectToLookLike(page.locator('#detail .email'), 'email-html')

    await tab('Text').click()
    expect(await panel().innerText()).toBe('Your order 42 has shipped. Track it: https://example.com/track/42')

    // A live refresh of the message (a receipt) keeps the tab picked and the choice of images.
    emulator.act(messageId, 'ann+hold@example.com', { action: 'deliver' })
    await page
      .locator('#detail .recipient[data-address="ann+hold@example.com"] .row .badge', { hasText: 'Delivered' })
      .waitFor()
    expect(await tab('Text').getAttribute('aria-selected')).toBe('true')
    expect(await panel().innerText()).toBe('Your order 42 has shipped. Track it: https://example.com/track/42')
    await tab('HTML').click()
    await page.getByRole('button', { name: 'Block remote images' }).waitFor()

    await tab('Headers').click()
    const headers = Object.fromEntries(
      await panel()
        .locator('dt')
        .evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
    )
    expect(headers).toEqual({
      From: 'The Shop <shop@example.com>',
      'Reply-To': 'help@example.com',
      To: 'ann+hold@example.com',
      Cc: 'orders@example.com',
      Subject: 'Your order 42',
      trackOpens: 'true',
      trackClicks: 'true',
      tag1: 'orders',
    })

    await tab('Attachments (1)').click()
    expect(await panel().locator('tbody tr td').allInnerTexts()).toEqual([
      'invoice-42.pdf',
      'application/pdf',
      'https://example.com/invoice-42.pdf',
    ])
  })

  it("draws the mail's own styles and data: images under the console's policy, which its frame inherits", async () => {
    const dot = `data:image/png;base64,${parcel.toString('base64')}`
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: {
        type: 'html',
        subject: 'Styled',
        html: `<style>h1 { color: rgb(1, 2, 3) }</style><h1>Styled</h1><p style="color: rgb(4, 5, 6)">Inline</p><img src="${dot}">`,
      },
    })
    await emulator.advance(1_000)
    await open('Styled')
    await loadedFrame()
    const colour = (selector: string) =>
      frameDoc().evaluate(
        (f: HTMLIFrameElement, s) => getComputedStyle(f.contentDocument!.querySelector(s)!).color,
        selector,
      )
    expect(await colour('h1')).toBe('rgb(1, 2, 3)')
    expect(await colour('p')).toBe('rgb(4, 5, 6)')
    expect(await imageWidth()).toBe(64)
  })

  it("runs none of the email's scripts and loads nothing remote on its own, with remote images blocked or not", async () => {
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: {
        type: 'html',
        subject: 'Scripted',
        attachments: [
          { name: 'logo.png', mimetype: 'image/png', mediaUrl: 'https://example.com/logo.png', cid: 'logo' },
        ],
        html: `<!DOCTYPE html><html><head><title>Mail</title><meta http-equiv="refresh" content="0; url=${images.url}/refresh"><link rel="stylesheet" href="${images.url}/style.css"></head><body style="background-image: url(${images.url}/background.png)"><p>Hello</p><script>document.body.dataset.ran = 'script'; parent.document.title = 'script ran'; parent.emailScriptRan = true</script><img src="data:," onerror="document.body.dataset.ran = 'onerror'; parent.emailScriptRan = true"></body></html>`,
      },
    })
    await emulator.advance(1_000)
    await open('Scripted')
    // Two locks, each enough alone: the sandbox has no allow-scripts, and the frame's policy
    // (default-src 'none', so no script-src) refuses inline scripts.
    const frame = await loadedFrame()
    expect((await frame.getAttribute('sandbox'))!.split(' ')).not.toContain('allow-scripts')
    expect(await frame.getAttribute('srcdoc')).toMatch(
      /^<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'">/,
    )
    const ran = async () => ({
      p: await docText('p'),
      // The doctype stays first: the mail is drawn in standards mode, as it asked.
      mode: await frameDoc().evaluate((f: HTMLIFrameElement) => f.contentDocument!.compatMode),
      body: await frameDoc().evaluate((f: HTMLIFrameElement) => f.contentDocument!.body.dataset.ran ?? 'nothing'),
      title: await page.title(),
      global: await page.evaluate(() => (window as { emailScriptRan?: boolean }).emailScriptRan ?? false),
    })
    const none = {
      p: 'Hello',
      mode: 'CSS1Compat',
      body: 'nothing',
      title: 'webex-connect-emulator console',
      global: false,
    }
    expect(await ran()).toEqual(none)
    // Nor does it load anything else on its own: no refresh, no stylesheet, no CSS image.
    expect(images.requests).toEqual([])
    await page.getByRole('button', { name: 'Load remote images' }).click()
    await page.getByRole('button', { name: 'Block remote images' }).waitFor()
    await loadedFrame()
    expect(await ran()).toEqual(none)
    // Remote images now, CSS ones included; still no stylesheet and no refresh.
    await expect.poll(() => images.requests).toEqual(['/background.png'])

    // An inline image's attachment shows its cid.
    await tab('Attachments (1)').click()
    expect(await panel().locator('tr').allInnerTexts()).toEqual([
      'name\ttype\tcid\tmediaUrl',
      'logo.png\timage/png\tlogo\thttps://example.com/logo.png',
    ])
  })

  it("links an attachment's URL only when it is a web address: a javascript: or data: one is text", async () => {
    const odd = ["javascript:fetch('/_emulator/reset')", 'data:text/html,<script>alert(1)</script>']
    const mail = (urls: string[]) => ({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: {
        type: 'text',
        subject: 'Odd attachments',
        text: 'Hi',
        attachments: [
          { name: 'a.pdf', mimetype: 'application/pdf', mediaUrl: 'HTTPS://example.com/a.pdf' },
          { name: 'b.pdf', mimetype: 'application/pdf', mediaUrl: urls[0] },
          { name: 'c.html', mimetype: 'text/html', mediaUrl: urls[1] },
        ],
      },
    })
    // The vendor API refuses such URLs now; a state file (or one from before) can still hold them.
    expect(() => emulator.send(mail(odd))).toThrow(/mediaUrl/)
    emulator.send(mail(['https://example.com/b.pdf', 'https://example.com/c.html']))
    await emulator.advance(1_000)
    const state = JSON.stringify(emulator.exportState())
      .replace('https://example.com/b.pdf', odd[0]!)
      .replace('https://example.com/c.html', odd[1]!)
    emulator.importState(JSON.parse(state))
    await open('Odd attachments')
    await tab('Attachments (3)').click()
    expect(await panel().locator('td.email-url').allInnerTexts()).toEqual([
      'HTTPS://example.com/a.pdf',
      "javascript:fetch('/_emulator/reset')",
      'data:text/html,<script>alert(1)</script>',
    ])
    expect(
      await panel()
        .locator('td.email-url a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['HTTPS://example.com/a.pdf'])
  })

  it("shows a templated email's template id and substitutions", async () => {
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      substitutions: { name: 'Ann', plan: 'gold' },
      template: { id: 'welcome-1', subject: 'Welcome aboard' },
    })
    await emulator.advance(1_000)
    await open('Welcome aboard')
    // No body of its own: the headers come first.
    expect(await tab(/./).allInnerTexts()).toEqual(['Headers', 'Attachments (0)'])
    expect(
      await panel()
        .locator('dd', { has: page.locator('code') })
        .innerText(),
    ).toBe('welcome-1')
    expect(await panel().innerText()).toContain('template subject\nWelcome aboard')
    expect(await panel().locator('tbody tr').allInnerTexts()).toEqual(['name\tAnn', 'plan\tgold'])
    await tab('Attachments (0)').click()
    expect(await panel().innerText()).toBe('No attachments.')
  })

  it('says when a body was cut at email.content.maxBytes, or dropped past email.content.totalBytes', async () => {
    const paragraph = `<p>${'Lorem ipsum dolor sit amet. '.repeat(10)}</p>`
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'html', subject: 'Long', html: `${paragraph.repeat(40)}<p id="end">The end</p>` },
    })
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'html', subject: 'Short', html: paragraph },
    })
    await emulator.advance(1_000)
    await open('Long')
    await loadedFrame()
    expect(await page.locator('#detail .email-note').innerText()).toBe(
      'Cut: a body was longer than email.content.maxBytes; what is shown ends there.',
    )
    expect(await docText('#end')).toBeNull()
    expect((await docText('body'))!.length).toBeLessThan(4096)
    // The frame is capped (70% of the window's height) and scrolls inside.
    const height = await page.locator('#detail iframe.email-html').evaluate((f: HTMLIFrameElement) => f.clientHeight)
    expect(height).toBeLessThanOrEqual(900 * 0.7)

    await open('Short')
    await loadedFrame()
    expect(await page.locator('#detail .email-note').count()).toBe(0)

    // Another long one takes the kept bodies past email.content.totalBytes: the oldest lose theirs.
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: ['ann@example.com'] }],
      content: { type: 'html', subject: 'Another', html: paragraph.repeat(40) },
    })
    await emulator.advance(1_000)
    await open('Long')
    expect(await page.locator('#detail .email-note').allInnerTexts()).toEqual([
      'Cut: a body was longer than email.content.maxBytes; what is shown ends there.',
      'The bodies were dropped to keep all kept bodies under email.content.totalBytes (the oldest messages lose theirs first).',
    ])
    expect(await tab(/./).allInnerTexts()).toEqual(['Headers', 'Attachments (0)'])
    await open('Short')
    expect(await tab(/./).allInnerTexts()).toEqual(['HTML', 'Headers', 'Attachments (0)'])
  })

  it('fits a 400 px screen: nothing overflows, tabs wrap', async () => {
    emulator.send(emailExampleBody(images.url))
    await emulator.advance(60_000)
    await page.setViewportSize({ width: 400, height: 900 })
    await open('Your order 42')
    await loadedFrame()
    for (const name of ['HTML', 'Text', 'Headers', 'Attachments (1)']) {
      await tab(name).click()
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        email: document.querySelector('#detail .email')!.getBoundingClientRect().right,
      }))
      expect({ name, ...widths }).toEqual({ name, page: 400, email: expect.any(Number) })
      expect(widths.email).toBeLessThanOrEqual(400)
    }
    await tab('HTML').click()
    await expectToLookLike(page.locator('#detail .email'), 'email-narrow-400')
  })
})
