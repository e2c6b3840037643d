import { describe, expect, it } from 'vitest'
import { buildConsoleClient } from '../../../src/http/console/build-console-client.js'
import { consoleVocabulary } from '../../../src/http/console/console-vocabulary.js'
import { createApp } from '../../../src/http/create-app.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'

const page = async () => {
  const response = await createApp(createEmulator({ clock: 'virtual' })).request('/_emulator')
  expect(response.status).toBe(200)
  return response.text()
}

describe('the console page', () => {
  it("carries the server's vocabulary as JSON data, built by consoleVocabulary()", async () => {
    const html = await page()
    const json = html.match(/<script type="application\/json" id="console-vocabulary">(.*?)<\/script>/)?.[1]
    expect(JSON.parse(json!)).toEqual(consoleVocabulary())
    const email = consoleVocabulary().channels.find((c) => c.name === 'email')
    expect(email?.actions.find((a) => a.name === 'bounce')?.choice?.values).toContain('Transient_AttachmentRejected')
    expect(consoleVocabulary().channels.map((c) => c.label)).toEqual([
      'Email',
      'SMS',
      'MMS',
      'RCS',
      'WhatsApp',
      'Messenger',
      'Apple Messages for Business',
    ])
  })

  it('has one inline script, with no vocabulary of its own baked in', async () => {
    const scripts = [...(await page()).matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    expect(scripts).toHaveLength(1)
    expect(scripts[0]).toContain('console-vocabulary')
    const choices = consoleVocabulary().channels.flatMap((c) => c.actions.flatMap((a) => a.choice?.values ?? []))
    for (const word of [...choices, 'auth-failure', 'not verified', 'Un-Delivered'])
      expect(scripts[0]).not.toContain(`"${word}"`)
  })

  it('needs nothing from the network: the favicon is a data URL', async () => {
    const html = await page()
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/)
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//)
  })
})

describe("the console's browser bundle", () => {
  it('is made of the browser code alone: type-only imports of the server leave nothing behind', async () => {
    const { metafile } = await buildConsoleClient()
    const inputs = Object.keys(metafile.inputs)
    expect(inputs).toContain('src/http/console/client/main.ts')
    expect(inputs.filter((path) => !path.startsWith('src/http/console/client/'))).toEqual([])
  })
})
