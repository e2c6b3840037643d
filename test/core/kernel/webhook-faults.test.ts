import { describe, expect, it } from 'vitest'
import { chance, extraDelay } from '../../../src/core/kernel/webhook-faults.js'
import { faultsSchema } from '../../../src/core/schemas/config.js'

/** Every fault off: the schema's defaults. */
const noFaults = faultsSchema.parse({})

/** A random source returning `values` in turn, counting its draws. */
function scripted(...values: number[]) {
  const source = Object.assign(() => values[source.draws++]!, { draws: 0 })
  return source
}

describe('fault decisions', () => {
  it('decides true and 1 always, false and 0 never, without drawing (a run without faults keeps its sequence)', () => {
    for (const [p, expected] of [
      [true, true],
      [1, true],
      [false, false],
      [0, false],
    ] as const) {
      const random = scripted()
      expect(chance(p, random)).toBe(expected)
      expect(random.draws).toBe(0)
    }
  })

  it('decides a fraction with one draw: true only when the draw is below it', () => {
    expect(chance(0.25, scripted(0.2))).toBe(true)
    expect(chance(0.25, scripted(0.25))).toBe(false)
    expect(chance(0.25, scripted(0.3))).toBe(false)
    const random = scripted(0.1)
    chance(0.5, random)
    expect(random.draws).toBe(1)
  })

  it('adds the fixed delay and a share of the jitter, drawing only when there is jitter', () => {
    const none = scripted(0.5)
    expect(extraDelay({ ...noFaults, delay: 300 }, none)).toBe(300)
    expect(none.draws).toBe(0)
    expect(extraDelay({ ...noFaults, delay: 300, jitter: 1_000 }, scripted(0.4567))).toBe(756)
  })
})
