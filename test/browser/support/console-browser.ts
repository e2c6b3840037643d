/**
 * @module One headless Chromium per browser-test file, found at $CHROMIUM_PATH or /usr/bin/chromium.
 * Without it the suite is skipped with a hint locally, and fails on CI (CI=true), where a silently
 * skipped browser suite would hide a broken console.
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)

if (!hasChromium) {
  const hint = `No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary`
  if (process.env.CI === 'true') throw new Error(`${hint}. The browser tests of the web console cannot run.`)
  console.warn(`Skipping the web console's browser tests. ${hint}.`)
}

export interface ConsoleBrowser {
  /**
   * A fresh page that records uncaught errors in the console's script, and anything the page's
   * Content-Security-Policy refused on the page itself (the console must work under it; an email's
   * frame, whose own policy refuses remote content on purpose, is not counted).
   */
  newPage(): Promise<{ page: Page; errors: Error[] }>
  /** A fresh page with the console at `url` open and live (connected to the event stream). */
  openConsole(url: string): Promise<{ page: Page; errors: Error[] }>
  close(): Promise<void>
}

/**
 * One browser and one laptop-sized context per file. Tests against one server share one page and
 * {@link resetConsole} between them: a new page, its load and its event stream cost more than the
 * average test.
 */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  context.setDefaultTimeout(5_000)
  const newPage = async () => {
    const page = await context.newPage()
    const errors: Error[] = []
    page.on('pageerror', (error) => errors.push(error))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        if (message.location().url !== 'about:srcdoc') errors.push(new Error(message.text()))
    })
    return { page, errors }
  }
  return {
    newPage,
    async openConsole(url) {
      const opened = await newPage()
      await opened.page.goto(url)
      await waitUntilSettled(opened.page)
      return opened
    },
    close: () => browser.close(),
  }
}

/**
 * Waits until the console shows the emulator as it is now: connected to the event stream and no
 * refresh queued or running (the page says so with aria-busy on its main element).
 */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.locator('#live.on').waitFor()
  await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' })
}

/**
 * Resets the emulator under an open console, then reloads the page: each test starts as on a fresh
 * page (Message tab, no notice, empty forms and filters), from what the page shows rather than
 * from its script's insides.
 */
export async function resetConsole(page: Page, reset: () => void): Promise<void> {
  reset()
  await page.reload()
  await waitUntilSettled(page)
}

const artifacts = fileURLToPath(new URL('../../.artifacts/console/', import.meta.url))

/** Saves test/.artifacts/console/<name>.png (git-ignored) to look at what a test saw. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: false })
}
