// Issue 19, finding 3, from a real browser: a page on another origin (another port of localhost,
// as any dev server the developer runs) tries every way a page can write to a token-less emulator
// without the emulator's consent — no-cors fetches with untyped JSON bodies, empty POSTs, a JSON
// fetch that needs a preflight, an HTML form, sendBeacon — and a DNS-rebound name (evil.example
// resolving to 127.0.0.1). None of them changes anything; the console, on the emulator's own
// origin, still works.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorEvent } from '../../src/core/kernel/events.js'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { chromiumPath, hasChromium } from './support/console-browser.js'

const mail = {
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: ['ann@x.test'] }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
}

/** Everything an attack could change, serialised. */
const stateOf = (emulator: Emulator) =>
  JSON.stringify({
    messages: emulator.messages().length,
    targets: emulator.targets(),
    rules: emulator.rules(),
    suppressed: emulator.suppressed(),
    sandbox: emulator.sandbox(),
    clock: emulator.clockState(),
    deliveries: emulator.deliveries().length,
  })

/** Resolves once the emulator has refused `count` requests, or fails after `timeoutMs` saying how many. */
function refusals(emulator: Emulator, count: number, timeoutMs = 5_000) {
  const seen: string[] = []
  let resolve: () => void
  const done = new Promise<void>((r) => (resolve = r))
  const stop = emulator.subscribe((event: EmulatorEvent) => {
    if (event.type !== 'rejected') return
    seen.push(`${event.rejection.method} ${event.rejection.path} ${event.rejection.status}`)
    if (seen.length >= count) resolve()
  })
  let timer: ReturnType<typeof setTimeout>
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${seen.length} of ${count} refusals within ${timeoutMs} ms: ${seen.join('; ')}`)),
      timeoutMs,
    )
  })
  return {
    seen,
    wait: () =>
      Promise.race([done, deadline]).finally(() => {
        clearTimeout(timer)
        stop()
      }),
  }
}

describe.skipIf(!hasChromium)('cross-site requests from a real browser', () => {
  let emulator: Emulator
  let server: RunningServer
  let attacker: Server
  let attackerUrl: string
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    emulator = createEmulator({ clock: 'virtual', config: { seed: 4 } })
    server = await startServer(emulator, { port: 0, host: '127.0.0.1' })
    // The attacker's page: any other local dev server will do.
    attacker = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>attacker</title>'),
    )
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--host-resolver-rules=MAP evil.example 127.0.0.1',
      ],
    })
    page = await (await browser.newContext()).newPage()
    page.setDefaultTimeout(5_000)
    emulator.send(mail)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close(0)
    await new Promise((resolve) => attacker?.close(resolve))
  })

  it('refuses no-cors fetches with untyped JSON bodies: no target, no bounce-list entry, no rule', async () => {
    await page.goto(attackerUrl)
    const before = stateOf(emulator)
    const refused = refusals(emulator, 3)
    const outcomes = await page.evaluate(async (E) => {
      const post = (path: string, body: unknown) =>
        fetch(E + path, { method: 'POST', mode: 'no-cors', body: new Blob([JSON.stringify(body)]) }).then(
          (r) => r.type,
          (e: Error) => e.message,
        )
      return [
        await post('/_emulator/webhooks/targets', { url: 'http://attacker.example/steal' }),
        await post('/_emulator/suppression', { address: 'ceo@x.test' }),
        await post('/_emulator/rules', { domain: 'x.test', outcome: 'bounce' }),
      ]
    }, server.url)
    await refused.wait()
    expect(outcomes).toEqual(['opaque', 'opaque', 'opaque']) // the browser sent them…
    expect(refused.seen.every((line) => line.endsWith(' 403'))).toBe(true) // …and the emulator refused them
    expect(stateOf(emulator)).toBe(before)
  })

  it('refuses empty POSTs: no reset, no replay', async () => {
    await page.goto(attackerUrl)
    const before = stateOf(emulator)
    const refused = refusals(emulator, 2)
    await page.evaluate(async (E) => {
      await fetch(`${E}/_emulator/reset`, { method: 'POST', mode: 'no-cors' })
      await fetch(`${E}/_emulator/webhooks/replay`, { method: 'POST', mode: 'no-cors' })
    }, server.url)
    await refused.wait()
    expect(stateOf(emulator)).toBe(before)
    expect(emulator.messages()).toHaveLength(1)
  })

  it('grants no preflight: a JSON fetch from another origin never reaches the route', async () => {
    await page.goto(attackerUrl)
    const before = stateOf(emulator)
    const refused = refusals(emulator, 1)
    const outcome = await page.evaluate(
      (E) =>
        fetch(`${E}/_emulator/rules`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ domain: 'x.test', outcome: 'bounce' }),
        }).then(
          (r) => `answered ${r.status}`,
          (e: Error) => `failed: ${e.name}`,
        ),
      server.url,
    )
    await refused.wait()
    expect(outcome).toBe('failed: TypeError')
    expect(refused.seen).toEqual(['OPTIONS /_emulator/rules 403'])
    expect(stateOf(emulator)).toBe(before)
  })

  it('refuses an HTML form posting JSON-looking text/plain, and sendBeacon', async () => {
    await page.goto(attackerUrl)
    const before = stateOf(emulator)
    const refused = refusals(emulator, 2)
    await page.evaluate(async (E) => {
      const frame = document.createElement('iframe')
      frame.name = 'sink'
      document.body.append(frame)
      const form = document.createElement('form')
      Object.assign(form, {
        method: 'POST',
        action: `${E}/_emulator/suppression`,
        enctype: 'text/plain',
        target: 'sink',
      })
      const input = document.createElement('input')
      Object.assign(input, { name: '{"address":"ceo@x.test","reason":"', value: '"}' })
      form.append(input)
      document.body.append(form)
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
      form.submit()
      await loaded
      navigator.sendBeacon(
        `${E}/_emulator/rules`,
        new Blob([JSON.stringify({ domain: 'x.test', outcome: 'bounce' })], { type: 'text/plain' }),
      )
    }, server.url)
    await refused.wait()
    expect(stateOf(emulator)).toBe(before)
  })

  it('leaves the vendor APIs closed to pages: no credentials without a preflight, and no preflight granted', async () => {
    await page.goto(attackerUrl)
    const before = stateOf(emulator)
    const groups = JSON.stringify(emulator.contactPolicy.groups())
    const outcomes = await page.evaluate(async (E) => {
      const untyped = (path: string, body: unknown) =>
        fetch(E + path, { method: 'POST', mode: 'no-cors', body: new Blob([JSON.stringify(body)]) }).then(
          (r) => r.type,
          (e: Error) => e.message,
        )
      const sms = { from: 'Brand', to: '+447700900001', contentType: 'TEXT', message: 'Hi' }
      const member = { channel: 'email', address: 'ceo@x.test', consent: true }
      return [
        await untyped('/v2/messages', { channel: 'email', from: 'a@b.test', to: [{ email: ['ceo@x.test'] }] }),
        await untyped('/v1/sms/messages', sms),
        await untyped('/v1/groups/marketing/members', member),
        // With the credentials a page would need, the browser asks first, and is not granted.
        await fetch(`${E}/v1/sms/messages`, {
          method: 'POST',
          headers: { key: 'k', 'content-type': 'application/json' },
          body: JSON.stringify(sms),
        }).then(
          (r) => `answered ${r.status}`,
          (e: Error) => `failed: ${e.name}`,
        ),
        await fetch(`${E}/v1/groups/marketing/members`, {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify(member),
        }).then(
          (r) => `answered ${r.status}`,
          (e: Error) => `failed: ${e.name}`,
        ),
      ]
    }, server.url)
    expect(outcomes).toEqual(['opaque', 'opaque', 'opaque', 'failed: TypeError', 'failed: TypeError'])
    expect(stateOf(emulator)).toBe(before)
    expect(JSON.stringify(emulator.contactPolicy.groups())).toBe(groups)
  })

  it('lets no other site frame the console, where a click on Reset would be its own', async () => {
    await page.goto(attackerUrl)
    await page.evaluate(async (E) => {
      const frame = document.createElement('iframe')
      frame.src = `${E}/_emulator`
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
      document.body.append(frame)
      await loaded
    }, server.url)
    const framed = page.frames().find((frame) => frame !== page.mainFrame())
    expect(framed).toBeDefined()
    // Chromium draws its error page in the frame instead of the console.
    expect(await framed!.locator('[data-do="reset"]').count()).toBe(0)
  })

  it('refuses a DNS-rebound name: evil.example resolving to 127.0.0.1 gets 403, even for a same-origin JSON write', async () => {
    const port = new URL(server.url).port
    const before = stateOf(emulator)
    const consolePage = await page.goto(`http://evil.example:${port}/_emulator`)
    expect(consolePage!.status()).toBe(403)
    // The rebound page is same-origin with the name, so the browser would send anything.
    const status = await page.evaluate(() =>
      fetch('/_emulator/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
        (r) => r.status,
      ),
    )
    expect(status).toBe(403)
    expect(stateOf(emulator)).toBe(before)
  })

  it('still lets the console on its own origin work: a same-origin JSON write goes through', async () => {
    const consolePage = await page.goto(`${server.url}/_emulator`)
    expect(consolePage!.status()).toBe(200)
    const status = await page.evaluate(() =>
      fetch('/_emulator/rules', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ domain: 'console.test', outcome: 'bounce' }),
      }).then((r) => r.status),
    )
    expect(status).toBe(201)
    expect(emulator.rules()).toEqual([{ domain: 'console.test', outcome: 'bounce' }])
    // …and the console's own buttons, which post without a body (Reset).
    page.once('dialog', (dialog) => void dialog.accept())
    await page.locator('[data-do="reset"]').click()
    await expect.poll(() => emulator.messages().length, { timeout: 5_000 }).toBe(0)
  })
})
