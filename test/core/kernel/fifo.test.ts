import { describe, expect, it } from 'vitest'
import { Fifo } from '../../../src/core/kernel/fifo.js'
import { collectGarbage } from '../../support/collect-garbage.js'

describe('Fifo', () => {
  it('behaves as an array with shift and splice through random pushes, shifts, removals, retains and clears', () => {
    let seed = 11
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return seed / 4_294_967_296
    }
    const fifo = new Fifo<number | undefined>()
    let model: Array<number | undefined> = []
    let n = 0
    for (let step = 0; step < 60_000; step++) {
      const roll = next()
      if (roll < 0.5) {
        // undefined is a value like any other
        const value = n++ % 97 === 0 ? undefined : n
        fifo.push(value)
        model.push(value)
      } else if (roll < 0.85) {
        expect(fifo.shift()).toBe(model.shift())
      } else if (roll < 0.99) {
        const value = model.length > 0 ? model[Math.floor(next() * model.length)] : -1
        const at = model.indexOf(value)
        expect(fifo.remove(value)).toBe(at >= 0)
        if (at >= 0) model.splice(at, 1)
      } else if (roll < 0.997) {
        fifo.retain((v) => v === undefined || v % 3 !== 0)
        model = model.filter((v) => v === undefined || v % 3 !== 0)
      } else {
        fifo.clear()
        model = []
      }
      expect(fifo.size).toBe(model.length)
      if (step % 500 === 0) {
        expect(fifo.toArray()).toEqual(model)
        expect([...fifo]).toEqual(model)
      }
    }
    while (model.length > 0) expect(fifo.shift()).toBe(model.shift())
    expect([fifo.shift(), fifo.size]).toEqual([undefined, 0])
  })

  it('lets a taken item be collected at once, however long the queue behind it', async () => {
    const fifo = new Fifo<object>()
    let first: object | undefined = { big: 'x'.repeat(1_000) }
    const watched = new WeakRef(first)
    fifo.push(first)
    for (let i = 0; i < 10; i++) fifo.push({})
    first = undefined
    fifo.shift() // one taken of eleven: no compaction yet
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(watched.deref()).toBeUndefined()
    expect(fifo.size).toBe(10)
  })
})
