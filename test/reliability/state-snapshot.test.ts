import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { openStateFile } from '../../src/state/state-file.js'
import { eventually } from '../support/eventually.js'
import { mail, virtualOutbox } from './support/virtual-outbox.js'

describe('state snapshots', () => {
  it('round-trips lists, sandbox, rules and messages, dropping entries that expired meanwhile', async () => {
    const { emulator } = virtualOutbox({})
    emulator.suppress('short@x.test', { retentionMs: 1_000 })
    emulator.suppress('forever@x.test', { retentionMs: null })
    emulator.unsubscribe('news@brand.test', 'gone@x.test')
    emulator.setSandbox({ enabled: true, verified: ['team.test'] })
    emulator.addRule({ domain: 'full.test', outcome: 'bounce-mailboxfull' })
    const { messageId } = emulator.send(mail('ann@team.test'))
    const snapshot = JSON.parse(JSON.stringify(emulator.exportState()))

    const { emulator: restored, clock } = virtualOutbox({})
    clock.moveTo(clock.now() + 5_000)
    restored.importState(snapshot)
    expect(restored.suppressed().map((e) => e.address)).toEqual(['forever@x.test'])
    expect(restored.unsubscribed()).toMatchObject([{ sender: 'news@brand.test', address: 'gone@x.test' }])
    expect(restored.sandbox()).toEqual({ enabled: true, verified: ['team.test'] })
    expect(restored.rules()).toEqual([{ domain: 'full.test', outcome: 'bounce-mailboxfull' }])
    expect(restored.message(messageId)?.recipients[0]?.address).toBe('ann@team.test')
    // Same seed, but a new generation: the next id is not one the restored messages already use.
    expect(restored.send(mail('bob@team.test')).messageId).not.toBe(messageId)
  })

  it('reads a version-1 file (before channels had slices): the lists at the top, messages without a channel', () => {
    const { emulator } = virtualOutbox({})
    const { messageId } = emulator.send(mail('ann@team.test'))
    const current = JSON.parse(JSON.stringify(emulator.exportState()))
    // What a version-1 file held: the email lists at the top, messages with no `channel` key.
    const { channel: _, ...message } = current.messages[0]
    const version1 = {
      format: 'webex-connect-emulator-state',
      version: 1,
      savedAt: current.savedAt,
      generation: current.generation,
      rules: [{ domain: 'full.test', outcome: 'bounce-mailboxfull' }],
      suppression: [{ address: 'kept@x.test', reason: 'bounce', addedAt: current.savedAt, expiresAt: null }],
      unsubscribes: [{ sender: 'news@brand.test', address: 'gone@x.test', addedAt: current.savedAt }],
      sandbox: { enabled: true, verified: ['team.test'] },
      messages: [message],
    }

    const { emulator: restored } = virtualOutbox({})
    restored.importState(version1)
    expect(restored.suppressed().map((e) => e.address)).toEqual(['kept@x.test'])
    expect(restored.unsubscribed()).toMatchObject([{ sender: 'news@brand.test', address: 'gone@x.test' }])
    expect(restored.sandbox()).toEqual({ enabled: true, verified: ['team.test'] })
    expect(restored.rules()).toEqual([{ domain: 'full.test', outcome: 'bounce-mailboxfull' }])
    expect(restored.message(messageId)).toMatchObject({ channel: 'email', recipients: [{ address: 'ann@team.test' }] })
    expect(restored.exportState()).toMatchObject({ version: 2, channels: { email: { sandbox: { enabled: true } } } })
  })

  it('refuses something that is not a snapshot, naming what is wrong', () => {
    const { emulator } = virtualOutbox({})
    expect(() => emulator.importState({ format: 'webex-connect-emulator-state', version: 9 })).toThrow(
      /not a state snapshot: version: 9 is not one this emulator reads/,
    )
    expect(() => emulator.importState({ format: 'webex-connect-emulator-state', version: 2 })).toThrow(
      /not a state snapshot: savedAt:/,
    )
  })

  it('refuses a file saved at a time the emulator cannot show, before moving its clock there', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const saved = createEmulator({ clock: 'virtual' })
    for (const savedAt of [1e300, Date.parse('9999-12-31T00:00:00Z'), -1e15]) {
      writeFileSync(path, JSON.stringify({ ...saved.exportState(), savedAt }))
      const emulator = createEmulator({ clock: 'real' })
      const before = emulator.now()
      await expect(openStateFile(emulator, path)).rejects.toThrow(/savedAt: expected epoch ms (from|up to)/)
      // Not moved: it still sends, on a time it can show.
      expect(emulator.now() - before).toBeLessThan(60_000)
      expect(() => emulator.send(mail('ann@x.test'))).not.toThrow()
      await emulator.close()
    }
    await saved.close()
  })

  // Each loaded, then failed every page that rendered it with a 500 (found by a fuzzer).
  it.each([
    [
      'a consent member updated at 1e300',
      (s: any) => (s.contactPolicy.groups[0].members[0].lastUpdated = 1e300),
      /lastUpdated: expected epoch ms up to/,
    ],
    [
      'a WhatsApp window opened at 1e308',
      (s: any) => s.channels.whatsapp.windows.push({ appId: 'a', user: '4477', at: 1e308 }),
      /at: expected epoch ms up to/,
    ],
    ['a message starting at 1e308', (s: any) => (s.messages[0].startsAt = 1e308), /startsAt: expected epoch ms up to/],
    [
      'a message with no recipient',
      (s: any) => (s.messages[0].recipients = []),
      /recipients: a message has one recipient at least/,
    ],
  ])('refuses a snapshot with %s, naming the field', (_, spoil, message) => {
    const { emulator } = virtualOutbox({
      contactPolicy: { groups: [{ id: 'g', members: [{ channel: 'email', address: 'a@x.test', consent: true }] }] },
    })
    emulator.send(mail('ann@x.test'))
    const snapshot = JSON.parse(JSON.stringify(emulator.exportState()))
    spoil(snapshot)
    const { emulator: restored } = virtualOutbox({})
    expect(() => restored.importState(snapshot)).toThrow(message)
    expect(restored.messages()).toEqual([])
  })

  it('restores a state file saved with a byte-order mark', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const saved = createEmulator({ clock: 'virtual' })
    saved.suppress('kept@x.test')
    writeFileSync(path, `\ufeff${JSON.stringify(saved.exportState())}`)
    const emulator = createEmulator({ clock: 'virtual' })
    const state = await openStateFile(emulator, path)
    expect(emulator.isSuppressed('kept@x.test')).toBe(true)
    await state.close()
    await Promise.all([saved.close(), emulator.close()])
  })

  it('keeps the last file worth keeping as .bak through fresh starts that changed nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const run = async (fresh: boolean, change?: (emulator: ReturnType<typeof createEmulator>) => void) => {
      const emulator = createEmulator({ clock: 'virtual' })
      const state = await openStateFile(emulator, path, { fresh })
      change?.(emulator)
      await state.close()
      await emulator.close()
      return state.backup
    }
    const backedUp = () =>
      JSON.parse(readFileSync(`${path}.bak`, 'utf8')).channels.email.suppression.map(
        (e: { address: string }) => e.address,
      )
    await run(false, (emulator) => emulator.suppress('good@x.test'))
    expect(await run(true)).toBe(`${path}.bak`)
    expect(backedUp()).toEqual(['good@x.test'])
    // Fresh again, with nothing done in between: the backup of the good file stays.
    expect(await run(true)).toBeUndefined()
    expect(backedUp()).toEqual(['good@x.test'])
    // A run that changed something is what the next fresh start keeps.
    await run(false, (emulator) => emulator.suppress('newer@x.test'))
    expect(await run(true)).toBe(`${path}.bak`)
    expect(backedUp()).toEqual(['newer@x.test'])
  })

  it('refuses a second emulator of this process on a file in use, and takes over a lock naming this pid it does not hold', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const [first, second] = [createEmulator({ clock: 'virtual' }), createEmulator({ clock: 'virtual' })]
    const held = await openStateFile(first, path)
    await expect(openStateFile(second, path)).rejects.toThrow(`is in use by process ${process.pid} (see ${path}.lock)`)
    await held.close()
    // A container restarted runs as the pid (often 1) of the one that left the lock.
    writeFileSync(`${path}.lock`, String(process.pid))
    const taken = await openStateFile(second, path)
    await taken.close()
    expect(readdirSync(dirname(path))).toEqual(['state.json'])
    await Promise.all([first.close(), second.close()])
  })

  it('lets only one of two emulators opening one file at the same time have it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const [a, b] = [createEmulator({ clock: 'virtual' }), createEmulator({ clock: 'virtual' })]
    const opened = await Promise.allSettled([openStateFile(a, path), openStateFile(b, path)])
    for (const result of opened) if (result.status === 'fulfilled') await result.value.close()
    await Promise.all([a.close(), b.close()])
    expect(opened.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('gives its lock back once: closing again does not free the file for a third while a second has it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wce-snap-')), 'state.json')
    const [a, b, c] = [1, 2, 3].map(() => createEmulator({ clock: 'virtual' }))
    const first = await openStateFile(a!, path)
    await first.close()
    const second = await openStateFile(b!, path)
    await first.close() // an afterEach that closes again
    try {
      await expect(openStateFile(c!, path)).rejects.toThrow(/is in use by process/)
    } finally {
      await second.close()
      await Promise.all([a!.close(), b!.close(), c!.close()])
    }
  })

  it('writes the file atomically on change and leaves no temp files behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-snap-'))
    const path = join(dir, 'state.json')
    const emulator = createEmulator({ clock: 'virtual', config: { seed: 1 } })
    const state = await openStateFile(emulator, path, { debounceMs: 10 })
    const suppressed = () =>
      JSON.parse(readFileSync(path, 'utf8')).channels.email.suppression.map((e: { address: string }) => e.address)
    expect(suppressed()).toEqual([])
    emulator.suppress('a@x.test')
    // No flush(): the change alone must reach the file (flush() and close() would write anyway).
    await eventually(suppressed, (list) => list.length > 0, { what: 'the change to reach the state file' })
    expect(suppressed()).toEqual(['a@x.test'])
    await state.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('says a write failure that goes on once, not at every try', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-fail-'))
    const emulator = createEmulator({ clock: 'virtual' })
    const state = await openStateFile(emulator, join(dir, 'state.json'), { debounceMs: 1, maxDelayMs: 20 })
    // The same failure each time: the directory is gone (a tmp cleaner, a rm -rf of a work dir).
    rmSync(dir, { recursive: true })
    const lines: string[] = []
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    const exported = vi.spyOn(emulator, 'exportState')
    try {
      emulator.suppress('a@x.test')
      await eventually(
        () => exported.mock.calls.length,
        (tries) => tries >= 4,
        { what: 'four tries at writing' },
      )
    } finally {
      write.mockRestore()
      exported.mockRestore()
    }
    expect(lines.filter((line) => line.includes('could not write the state file'))).toHaveLength(1)
    await state.close().catch(() => undefined)
    await emulator.close()
  })
})
