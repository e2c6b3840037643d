import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jsonPieces, removeLeftoverTempFiles, writeJsonAtomically } from '../../src/state/write-json-file.js'

describe('writing JSON a piece at a time', () => {
  it('gives exactly what JSON.stringify gives, left-out members and holes included', () => {
    const value = {
      gone: undefined,
      format: 'x',
      fn: () => 1,
      nested: { a: [1, { b: 'é"\n' }] },
      empty: [],
      list: [1, undefined, null, 'two', { three: 3 }],
      last: undefined,
    }
    expect([...jsonPieces(value)].join('')).toBe(`${JSON.stringify(value)}\n`)
  })

  it('cuts a large array into many pieces rather than one string', () => {
    const value = { head: 1, messages: Array.from({ length: 20_000 }, (_, i) => ({ id: i, text: 'x'.repeat(100) })) }
    const pieces = [...jsonPieces(value)]
    expect(pieces.length).toBeGreaterThan(5)
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(300 * 1024)
    expect(JSON.parse(pieces.join(''))).toEqual(value)
  })

  it('writes the file atomically and leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-json-'))
    const path = join(dir, 'state.json')
    await writeJsonAtomically(path, { a: [1, 2] })
    expect(readFileSync(path, 'utf8')).toBe('{"a":[1,2]}\n')
    expect(readdirSync(dir)).toEqual(['state.json'])
  })
})

describe('temp files left by a killed writer', () => {
  it('are removed when nobody alive wrote them, and only those of that state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-left-'))
    const path = join(dir, 'state.json')
    const names = {
      dead: 'state.json.99999999.0a1b2c3d.tmp', // no such pid
      deadLockAside: 'state.json.lock.99999999.0a1b2c3d.tmp', // what a start killed while locking leaves
      aliveLockAside: `state.json.lock.${process.ppid}.0a1b2c3d.tmp`,
      ours: `state.json.${process.pid}.0a1b2c3d.tmp`, // a previous run that had our pid (containers reuse them)
      alive: `state.json.${process.ppid}.0a1b2c3d.tmp`, // a running process may be mid-write
      otherFile: 'other.json.99999999.0a1b2c3d.tmp',
      notTemp: 'state.json.bak',
    }
    for (const name of Object.values(names)) writeFileSync(join(dir, name), 'x')
    expect(await removeLeftoverTempFiles(path)).toBe(3)
    expect(readdirSync(dir).sort()).toEqual([names.alive, names.aliveLockAside, names.otherFile, names.notTemp].sort())
  })

  it('are none when the directory does not exist', async () => {
    expect(await removeLeftoverTempFiles(join(tmpdir(), 'wce-no-such-dir', 'state.json'))).toBe(0)
  })
})
