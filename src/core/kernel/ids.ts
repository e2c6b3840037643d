/**
 * @module Seedable randomness and ids. Everything random in the core (transids, gtrids, jitter)
 * comes from here, so a seed reproduces a run exactly.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number

/** mulberry32: tiny, fast and good enough for simulation; not for secrets. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface IdSource {
  /** A version-4 UUID, the shape the vendor uses for messageId, transid and tid. */
  uuid(): string
}

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * @example
 * const ids = createIdSource(42)
 * ids.uuid() // the same value for every run seeded with 42
 */
export function createIdSource(seed: number): IdSource {
  const random = createRandom(seed)
  const word = () => Math.floor(random() * 4_294_967_296)
  return {
    uuid() {
      const bytes: number[] = []
      for (let i = 0; i < 4; i++) {
        const w = word()
        bytes.push(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff)
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x40
      bytes[8] = (bytes[8]! & 0x3f) | 0x80
      const h = bytes.map((b) => hex[b]!)
      return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`
    },
  }
}
