import { describe, expect, it } from 'vitest'
import { createTestEmulator } from '../support/virtual-emulator.js'

// What a control changed is named in its `state` event: the console refreshes the views that show
// that part (src/http/console/client/live.ts), and the log writes "<what> changed".

describe('state events', () => {
  it('name the part of the state a control changed', () => {
    const { emulator } = createTestEmulator({ webhooks: { targets: [{ url: 'http://app.test/hook' }] } })
    emulator.setSandbox({ verified: ['ann@x.test'] })
    const changed: string[] = []
    emulator.subscribe((event) => {
      if (event.type === 'state') changed.push(event.what)
    })
    const [target] = emulator.targets()
    emulator.setFaults(target!.id, undefined)
    emulator.unverify('ann@x.test')
    emulator.suppress('bob@x.test')
    expect(changed).toEqual(['targets', 'sandbox', 'suppression'])
  })
})

describe('a suppression that expires', () => {
  it('keeps its expiry through a snapshot, and lapses on time after it', async () => {
    const { emulator } = createTestEmulator()
    emulator.suppress('ann@x.test', { retentionMs: 60_000 })
    const saved = JSON.parse(JSON.stringify(emulator.exportState()))
    const { emulator: restored } = createTestEmulator()
    restored.importState(saved)
    expect(restored.suppressed()).toEqual(emulator.suppressed())
    expect(restored.suppressed()[0]!.expiresAt).toBeDefined()
    await restored.advance(60_000)
    expect(restored.isSuppressed('ann@x.test')).toBe(false)
  })
})
