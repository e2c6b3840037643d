/**
 * @module Delivery ids. A delivery's id is what a receiver sees as Standard Webhooks' `webhook-id`,
 * and the specification tells receivers to deduplicate on it; so an id must never come back, not
 * even after a restart with the same seed (the old "d1", "d2", … did, and a receiver that
 * remembered them dropped the new run's webhooks as duplicates). Retries of one delivery keep its
 * id: that is what deduplication is for.
 *
 * An id is `d_` + a per-process salt + a part drawn from the emulator's seed:
 * - The seeded part comes from nanoid's `customRandom` fed by the core's seeded generator, so one
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
import { customRandom, nanoid, urlAlphabet } from 'nanoid'
import { createRandom } from '../core/kernel/ids.js'

/** Drawn once when this module loads: one value per process. */
const processSalt = nanoid(8)

/**
 * @example
 * const next = createDeliveryIds(42)
 * next() // "d_V1StGXR8" + 14 characters that the seed 42 repeats within this process
 */
export function createDeliveryIds(seed: number, salt: string = processSalt): () => string {
  const random = createRandom(seed ^ 0x1d_5eed)
  const seeded = customRandom(urlAlphabet, 14, (size) => {
    const bytes = new Uint8Array(size)
    for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256)
    return bytes
  })
  return () => `d_${salt}${seeded()}`
}
