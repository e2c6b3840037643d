/**
 * @module Seedable randomness and ids. Everything random in the core (transids, gtrids, jitter)
 * comes from here, so a seed reproduces a run exactly.
 */
import { codesOf, textOf } from './char-codes.js'

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

/** Character codes of the hex digits, and the 36 codes of a UUID being written (the dashes stay put). */
const hexDigit = codesOf('0123456789abcdef')
const uuidCodes = codesOf('00000000-0000-0000-0000-000000000000')

/** Writes `byte` as two hex digits at `at` of the UUID being written. */
function putByte(at: number, byte: number): void {
  uuidCodes[at] = hexDigit[byte >>> 4]!
  uuidCodes[at + 1] = hexDigit[byte & 0x0f]!
}

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
    // bytes 6 and 8. The digits are written as character codes into one flat string (char-codes.ts):
    // every send mints two.
    uuid() {
      const a = word()
      const b = word()
      const c = word()
      const d = word()
      putByte(0, a >>> 24)
      putByte(2, (a >>> 16) & 0xff)
      putByte(4, (a >>> 8) & 0xff)
      putByte(6, a & 0xff)
      putByte(9, b >>> 24)
      putByte(11, (b >>> 16) & 0xff)
      putByte(14, ((b >>> 8) & 0x0f) | 0x40)
      putByte(16, b & 0xff)
      putByte(19, ((c >>> 24) & 0x3f) | 0x80)
      putByte(21, (c >>> 16) & 0xff)
      putByte(24, (c >>> 8) & 0xff)
      putByte(26, c & 0xff)
      putByte(28, d >>> 24)
      putByte(30, (d >>> 16) & 0xff)
      putByte(32, (d >>> 8) & 0xff)
      putByte(34, d & 0xff)
      return textOf(uuidCodes)
    },
  }
}
