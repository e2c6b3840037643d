import { describe, expect, it } from 'vitest'
import { createBatchedWriter } from '../../src/cli/logging/batched-writer.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe("the CLI's gathered standard output", () => {
  it('writes the lines of one turn in one write, in order, at the end of the turn', async () => {
    const writes: string[] = []
    const stdout = createBatchedWriter({ write: (text: string) => writes.push(text) })
    stdout.write('a\n')
    stdout.write('b\n')
    expect(writes).toEqual([])
    await nextTurn()
    expect(writes).toEqual(['a\nb\n'])
    stdout.write('c\n')
    await nextTurn()
    expect(writes).toEqual(['a\nb\n', 'c\n'])
  })

  it('writes at once when flushed, or when 64 KB are pending', async () => {
    const writes: string[] = []
    const stdout = createBatchedWriter({ write: (text: string) => writes.push(text) })
    stdout.write('stopping\n')
    stdout.flush()
    expect(writes).toEqual(['stopping\n'])
    const line = `${'x'.repeat(1023)}\n`
    for (let i = 0; i < 64; i++) stdout.write(line)
    expect(writes.length).toBe(2)
    expect(writes[1]!.length).toBe(64 * 1024)
    await nextTurn()
    expect(writes.length).toBe(2)
  })

  it('keeps the terminal flag of the stream it writes to (colour is decided by it)', () => {
    expect(createBatchedWriter({ write: () => true, isTTY: true }).isTTY).toBe(true)
    expect(createBatchedWriter({ write: () => true }).isTTY).toBeUndefined()
  })
})
