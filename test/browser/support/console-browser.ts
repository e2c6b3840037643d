/**
 * @module One headless Chromium per browser-test file, found at $CHROMIUM_PATH or /usr/bin/chromium.
 * Without it the suite is skipped with a hint locally, and fails on CI (CI=true), where a silently
 * skipped browser suite would hide a broken console.
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)

if (!hasChromium) {
  const hint = `No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary`
  if (process.env.CI === 'true') throw new Error(`${hint}. The browser tests of the web console cannot run.`)
  console.warn(`Skipping the web console's browser tests. ${hint}.`)
}

export interface ConsoleBrowser {
  /** A fresh page that records uncaught errors in the console's script. */
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
    return { page, errors }
  }
  return {
    newPage,
    async openConsole(url) {
      const opened = await newPage()
      await opened.page.goto(url)
      await opened.page.locator('#live.on').waitFor()
      return opened
    },
    close: () => browser.close(),
  }
}

/** The console's own globals that {@link resetConsole} uses (plain `var`s and functions of its script). */
interface ConsoleGlobals {
  notice(message: string): void
  showTab(name: string): void
  dirty: Set<string>
  flushTimer: number
  flushing: boolean
}

/**
 * Resets the emulator under an open console and waits until the page has caught up: the reset
 * shown and every view refreshed. The page's own state goes back to how it loads (Message tab, no
 * notice, empty forms and filters), so each test starts as on a fresh page.
 */
export async function resetConsole(page: Page, reset: () => void): Promise<void> {
  await page.evaluate(() => {
    const console = window as unknown as ConsoleGlobals
    console.notice('')
    console.showTab('message')
    for (const form of document.querySelectorAll('form')) form.reset()
    for (const input of document.querySelectorAll<HTMLInputElement>('input[type="search"]')) input.value = ''
    for (const select of document.querySelectorAll<HTMLSelectElement>('select')) select.selectedIndex = 0
    document.getElementById('detail')!.replaceChildren()
  })
  reset()
  await page.waitForFunction(() => {
    const console = window as unknown as ConsoleGlobals
    return (
      document.querySelector('#detail .empty')?.textContent === 'The emulator was reset.' &&
      console.dirty.size === 0 &&
      !console.flushTimer &&
      !console.flushing
    )
  })
}

const artifacts = fileURLToPath(new URL('../../.artifacts/console/', import.meta.url))

/** Saves test/.artifacts/console/<name>.png (git-ignored) to look at what a test saw. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: false })
}
