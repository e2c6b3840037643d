import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator, type Emulator } from '../../src/runtime/create-emulator.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser, waitUntilSettled } from './support/console-browser.js'
import { expectToLookLike } from './support/visual.js'

const start = Date.UTC(2025, 0, 6, 9, 30)

describe.skipIf(!hasChromium)('the web console and its connection to the emulator', () => {
  let browser: ConsoleBrowser
  let page: Page | undefined
  let pageErrors: Error[]
  let server: RunningServer | undefined

  beforeAll(async () => {
    browser = await launchConsoleBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    await page?.close()
    await server?.close(0)
    page = server = undefined
    expect(pageErrors.splice(0)).toEqual([])
  })

  /** An emulator on virtual time, served on `port` (0: any free one). */
  const serve = async (port: number, controlToken?: string) => {
    const emulator = createEmulator({ clock: 'virtual', startAt: start, config: { seed: 42 } })
    server = await startServer(emulator, { port, host: '127.0.0.1', controlToken })
    return emulator
  }
  /** Stops the server, as Ctrl-C on `npx webex-connect-emulator start` would. */
  const stop = async () => {
    await server!.close(0)
    server = undefined
  }
  const send = (emulator: Emulator, to: string, subject: string) =>
    emulator.send({
      channel: 'email',
      from: 'shop@example.com',
      to: [{ email: [to] }],
      content: { type: 'html', subject, html: '<p>Hi</p>' },
    })
  const listed = (subject: string) => page!.locator('#messages li.msg', { hasText: subject })

  it('says the emulator is unreachable while it is stopped, and catches up by itself when it is back', async () => {
    const before = await serve(0)
    const { port } = server!
    send(before, 'ann@example.com', 'Before the restart')
    ;({ page, errors: pageErrors } = await browser.openConsole(`${server!.url}/_emulator`))
    await listed('Before the restart').waitFor()

    await stop()
    const notice = page.locator('#notice')
    await notice.locator('#notice-text', { hasText: 'unreachable' }).waitFor()
    expect(await notice.innerText()).toContain('The console keeps retrying and catches up when it is back.')
    await page.locator('#live', { hasText: 'reconnecting' }).waitFor()
    await expectToLookLike(notice, 'unreachable-notice')

    // A user's action meanwhile is told the same, not "Failed to fetch".
    await page.getByRole('button', { name: '+1m' }).click()
    await notice.locator('#notice-text', { hasText: 'unreachable' }).waitFor()
    expect(await notice.innerText()).not.toContain('Failed to fetch')

    const after = await serve(port) // the same address: what restarting `npx webex-connect-emulator start` does
    send(after, 'bob@example.com', 'After the restart')
    await listed('After the restart').waitFor({ timeout: 10_000 })
    await waitUntilSettled(page)
    expect(await notice.isHidden()).toBe(true)
    expect(await listed('Before the restart').count()).toBe(0) // a new emulator: the page shows its state, not the old one
  })

  describe('with a control token', () => {
    const token = 's3cret token'

    it('opened with ?token=, lists, acts on a held recipient and stays live across a restart', async () => {
      const first = await serve(0, token)
      const { port } = server!
      const refused: string[] = []
      ;({ page, errors: pageErrors } = await browser.newPage())
      page.on('response', (response) => {
        if (response.status() === 401) refused.push(response.url())
      })
      await page.goto(`${server!.url}/_emulator?token=${encodeURIComponent(token)}`)
      await waitUntilSettled(page)

      send(first, 'ann+hold@example.com', 'Behind a token')
      await listed('Behind a token').click()
      const card = page.locator('#detail .recipient')
      await card.locator('select[data-choice="bounce"]').selectOption('Transient_MailboxFull')
      await card.getByRole('button', { name: 'bounce', exact: true }).click()
      await card.locator('.timeline', { hasText: 'Transient_MailboxFull' }).waitFor()
      expect(first.messages()[0]!.recipients[0]!.status).toBe('Bounce')

      await stop()
      await page.locator('#notice-text', { hasText: 'unreachable' }).waitFor()
      const second = await serve(port, token)
      send(second, 'bob@example.com', 'After the restart')
      await listed('After the restart').waitFor({ timeout: 10_000 })
      await waitUntilSettled(page)
      expect(await page.locator('#notice').isHidden()).toBe(true)
      expect(refused).toEqual([])
    })
  })
})
