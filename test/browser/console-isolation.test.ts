import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createIsolatedEmulator, type IsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { type ConsoleBrowser, hasChromium, launchConsoleBrowser } from './support/console-browser.js'

describe.skipIf(!hasChromium)('the web console of an isolated emulator (isolation "service")', () => {
  let isolated: IsolatedEmulator
  let server: RunningServer
  let browser: ConsoleBrowser

  beforeAll(async () => {
    isolated = createIsolatedEmulator({ clock: 'real', config: { speed: 1000, seed: 2 } })
    server = await startServer(isolated, { port: 0, host: '127.0.0.1', controlToken: 'ctl' })
    browser = await launchConsoleBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const send = async (key: string, to: string, subject: string) => {
    const response = await fetch(`${server.url}/v2/messages`, {
      method: 'POST',
      headers: { key, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'shop@example.com',
        to: [{ email: [to] }],
        content: { type: 'text', subject, text: 'Hi' },
      }),
    })
    expect(response.status).toBe(201)
  }

  it("shows one tenant's messages, live, and resets only that tenant", async () => {
    await send('team-a', 'ann@example.com', 'For team A')
    await send('team-b', 'bob@example.com', 'For team B')
    const { page, errors } = await browser.openConsole(`${server.url}/_emulator?tenant=team-a&token=ctl`)
    const listed = (text: string) => page.locator('#messages li.msg', { hasText: text })
    await listed('For team A').waitFor()
    expect(await page.locator('header h1').textContent()).toContain('team-a')

    // Live: team A's next send appears; team B's, sent before it, never does.
    await send('team-b', 'bob@example.com', 'Also for team B')
    await send('team-a', 'ann@example.com', 'Again for team A')
    await listed('Again for team A').waitFor()
    expect(await page.locator('#messages li.msg').allTextContents()).toEqual([
      expect.stringContaining('Again for team A'),
      expect.stringContaining('For team A'),
    ])

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Reset' }).click()
    await page.locator('#messages .empty').waitFor()
    expect(isolated.find('team-a')!.messages()).toEqual([])
    expect(isolated.find('team-b')!.messages()).toHaveLength(2)
    expect(errors).toEqual([])
  })

  it('without a tenant, lists the tenants alive as links to their consoles', async () => {
    await send('team-c', 'cy@example.com', 'For team C')
    const { page, errors } = await browser.newPage()
    const picker = await page.goto(`${server.url}/_emulator?token=ctl`)
    // Its script runs under a policy that runs nothing else (a refusal would be in errors).
    expect(picker!.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; /)
    await page.getByRole('link', { name: 'team-c' }).click()
    await page.locator('#live.on').waitFor()
    await page.locator('#messages li.msg', { hasText: 'For team C' }).waitFor()
    expect(errors).toEqual([])
  })
})
