import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator as createRuntimeEmulator } from '../../src/runtime/create-emulator.js'
import { openStateFile } from '../../src/state/state-file.js'

const fanOut = (n: number) => ({
  channel: 'email',
  from: 'news@brand.test',
  to: [{ email: Array.from({ length: n }, (_, i) => `user${i}@customer.test`) }],
  content: { type: 'text', subject: 'Hi', text: 'Hi' },
})

describe('the state file under constant change', () => {
  it('builds a snapshot only when a write starts, never while one is still being written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-coalesce-'))
    const emulator = createRuntimeEmulator({ clock: 'virtual', config: { seed: 1, recipientLimit: { max: 1_000 } } })
    // Several megabytes of state, so each write takes a while.
    for (let i = 0; i < 20; i++) emulator.send(fanOut(1_000))
    await emulator.runUntilIdle()
    const exports: Array<{ whileWriting: boolean }> = []
    const exportState = emulator.exportState
    emulator.exportState = (options) => {
      exports.push({ whileWriting: readdirSync(dir).some((name) => name.endsWith('.tmp')) })
      return exportState(options)
    }
    const state = await openStateFile(emulator, join(dir, 'state.json'), { debounceMs: 5, maxDelayMs: 20 })
    try {
      // A change on every turn of the event loop until several writes have been made; a thousand
      // addresses over and over, so a slow machine does not fill the bounce list (100,000).
      const deadline = Date.now() + 20_000
      for (let i = 0; exports.length < 6; i++) {
        if (Date.now() > deadline) throw new Error(`only ${exports.length} writes within 20 s`)
        emulator.suppress(`busy${i % 1_000}@x.test`)
        await new Promise((resolve) => setImmediate(resolve))
      }
      expect(exports.filter((e) => e.whileWriting)).toEqual([])
    } finally {
      await state.close()
      await emulator.close()
    }
  })
})

describe('opening a state file', () => {
  it('resumes a sped-up clock from the saved time instead of falling back to the wall clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-clock-'))
    const path = join(dir, 'state.json')
    const first = createRuntimeEmulator({ clock: 'virtual', startAt: Date.now(), config: { seed: 1 } })
    await first.advance(30 * 86_400_000) // 30 days ahead of the wall clock, as --speed 1000 gets in 45 minutes
    writeFileSync(path, JSON.stringify(first.exportState()))
    const savedAt = first.now()
    await first.close()

    const emulator = createRuntimeEmulator({ clock: 'real', config: { seed: 1, speed: 1000 } })
    const state = await openStateFile(emulator, path)
    try {
      expect(emulator.now()).toBeGreaterThanOrEqual(savedAt)
    } finally {
      await state.close()
      await emulator.close()
    }
  })

  it('refuses a location it cannot write, naming the path and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-nowrite-'))
    const path = join(dir, 'missing', 'state.json')
    const emulator = createRuntimeEmulator({ clock: 'virtual' })
    await expect(openStateFile(emulator, path)).rejects.toThrow(
      `Cannot write the state file ${path}: the directory ${join(dir, 'missing')} does not exist`,
    )
    await emulator.close()
  })

  it('writes through a symlink to the file it names, and locks that file whichever path names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-link-'))
    mkdirSync(join(dir, 'volume'))
    const real = join(dir, 'volume', 'state.json')
    const link = join(dir, 'state.json')
    symlinkSync(join('volume', 'state.json'), link) // dangling until the first write
    const emulator = createRuntimeEmulator({ clock: 'virtual' })
    const state = await openStateFile(emulator, link)
    expect(state.path).toBe(link) // named as given
    try {
      emulator.suppress('keep@me.test')
      await state.flush()
      expect(lstatSync(link).isSymbolicLink()).toBe(true) // it was replaced by a file of its own
      expect(readFileSync(real, 'utf8')).toContain('keep@me.test')
      // Another emulator naming the file by its real path is refused: one file, one lock.
      const other = createRuntimeEmulator({ clock: 'virtual' })
      await expect(openStateFile(other, real)).rejects.toThrow('is in use by process')
      await other.close()
    } finally {
      await state.close()
      await emulator.close()
    }
  })
})
