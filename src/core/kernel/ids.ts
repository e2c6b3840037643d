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
    // Four random words are the sixteen bytes, in order; the version and variant bits are set in
    // bytes 6 and 8. Written straight out and joined, not built from byte arrays and slices: every
    // send mints two, and a template's result stays a tree of pieces while it is kept (see
    // time-format.ts; bench/PROFILE.md).
    uuid() {
      const a = word()
      const b = word()
      const c = word()
      const d = word()
      return [
        hex[a >>> 24],
        hex[(a >>> 16) & 0xff],
        hex[(a >>> 8) & 0xff],
        hex[a & 0xff],
        '-',
        hex[b >>> 24],
        hex[(b >>> 16) & 0xff],
        '-',
        hex[((b >>> 8) & 0x0f) | 0x40],
        hex[b & 0xff],
        '-',
        hex[((c >>> 24) & 0x3f) | 0x80],
        hex[(c >>> 16) & 0xff],
        '-',
        hex[(c >>> 8) & 0xff],
        hex[c & 0xff],
        hex[d >>> 24],
        hex[(d >>> 16) & 0xff],
        hex[(d >>> 8) & 0xff],
        hex[d & 0xff],
      ].join('')
    },
  }
}
