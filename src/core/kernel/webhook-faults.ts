/**
 * @module Opt-in fault injection for webhook receivers' tests: which faults hit a delivery or an
 * attempt. Decided with the emulator's seeded randomness, so the same seed replays the same faults.
 */

import type { FaultsConfig } from '../schemas/config.js'
import type { Random } from './ids.js'

/** What was done to an attempt on purpose; recorded on the attempt as `faults`. */
const faultNames = ['duplicate', 'reorder', 'delay', 'drop', 'bad-signature'] as const
/** One of `faultNames`. */
export type FaultName = (typeof faultNames)[number]

/** True with probability `p` (`true` always, `false`/0 never). Draws nothing when `p` is 0, so runs without faults keep their sequence. */
export function chance(p: boolean | number, random: Random): boolean {
  const q = p === true ? 1 : p === false ? 0 : p
  return q > 0 && (q >= 1 || random() < q)
}

/** Extra milliseconds before an attempt: the fixed delay plus up to `jitter` at random. */
export function extraDelay(faults: FaultsConfig, random: Random): number {
  return faults.delay + (faults.jitter > 0 ? Math.floor(faults.jitter * random()) : 0)
}
