/**
 * @module Delivery ids. A delivery's id is what a receiver sees as Standard Webhooks' `webhook-id`,
 * and the specification tells receivers to deduplicate on it; so an id must never come back, not
 * even after a restart with the same seed (the old "d1", "d2", … did, and a receiver that
 * remembered them dropped the new run's webhooks as duplicates). Retries of one delivery keep its
 * id: that is what deduplication is for.
 *
 * An id is `d_` + a per-process salt + a part drawn from the emulator's seed:
 * - The seeded part is nanoid's `customRandom` sequence fed by the core's seeded generator, so one
 *   seed, config and requests give the same sequence in this process: two emulators with the same
 *   seed (a scenario run twice, a test compared with its rerun) mint the same ids, as they mint the
 *   same message ids.
 * - The salt is drawn once per process from crypto randomness, so another process — a restart, a
 *   second emulator on another port — never repeats an id, whatever its seed. It is a prefix, not
 *   mixed into the seed: the seeded generator has 32 bits of state, and two processes' streams
 *   could overlap; 48 random bits in front of every id keep them apart regardless.
 * Within one process, the seeded part is 14 characters (84 bits) of a stream that does not repeat
 * before 2^32 draws, so emulators with different seeds do not collide either.
 */
import { nanoid, urlAlphabet } from 'nanoid'
import { codesOf, textOf } from '../core/kernel/char-codes.js'
import { createRandom } from '../core/kernel/ids.js'

/** Drawn once when this module loads: one value per process. */
const processSalt = nanoid(8)

/** Characters of the seeded part, and their codes in nanoid's URL alphabet. */
const seededLength = 14
const alphabetCodes = codesOf(urlAlphabet)

/**
 * @example
 * const next = createDeliveryIds(42)
 * next() // "d_V1StGXR8" + 14 characters that the seed 42 repeats within this process
 */
export function createDeliveryIds(seed: number, salt: string = processSalt): () => string {
  const random = createRandom(seed ^ 0x1d_5eed)
  // The seeded part is what nanoid's `customRandom(urlAlphabet, 14, bytes)` makes from the same
  // bytes (test/webhooks/webhook-ids.test.ts compares them): fourteen bytes drawn in order, the last
  // one's character first, each byte's low six bits an index into the 64-character alphabet. Written
  // as character codes into one flat string (char-codes.ts): customRandom's `id += …` built a chain
  // of fourteen strings and a new byte array per id, a twentieth of an in-process send's garbage
  // (bench/PROFILE.md).
  const codes = codesOf(`d_${salt}${'_'.repeat(seededLength)}`)
  const last = codes.length - 1
  return () => {
    for (let i = 0; i < seededLength; i++) codes[last - i] = alphabetCodes[Math.floor(random() * 256) & 63]!
    return textOf(codes)
  }
}
