/**
 * @module Caps on the lists users fill (bounce list, unsubscribes, verified addresses, rules,
 * webhook targets, consent groups and members, …): memory is bounded by what the config allows, not
 * by how much a test or a hostile page adds (issue 19). A full list refuses one more entry with a
 * 409 that names the limit and the config key that raises it; a config that already holds more is
 * refused at start, naming the same key.
 */
import { type z, z as zod } from 'zod'
import { EmulatorError } from './errors.js'

/**
 * The refusal when a capped list is full.
 * @param list what the list is, as a sentence starts ("The bounce list")
 * @param max its limit
 * @param key the config key that sets the limit ("<channel>.limits.maxSuppressed")
 * @param remedy how to make room ("remove some (DELETE /_emulator/suppression/:address)")
 */
export function listFull(list: string, max: number, key: string, remedy: string): EmulatorError {
  return new EmulatorError(
    'conflict',
    `${list} is full: it holds at most ${max} entries (${key}); ${remedy}, or raise ${key}`,
  )
}

/** Throws `listFull(…)` when a list of `size` entries cannot take `adding` more. */
export function checkRoom(size: number, adding: number, max: number, full: () => EmulatorError): void {
  if (adding > 0 && size + adding > max) throw full()
}

/**
 * A config check: the list at `path` holds no more than `max` entries (`key` sets the limit).
 * @param what the entries counted ("rules", "members in all groups")
 */
export function configListWithin(
  ctx: z.RefinementCtx,
  path: PropertyKey[],
  { count, what }: { count: number; what: string },
  max: number,
  key: string,
): void {
  if (count <= max) return
  ctx.addIssue({
    code: 'custom',
    path,
    message: `${count} ${what}, more than ${key} allows (${max}); raise ${key} or list fewer`,
  })
}

/** Sender ids (a channel's senders, numbers or apps) a tenant lists at most, in config or at run time. */
const maxSenderIds = 10_000

/** A list of sender ids: at most `maxSenderIds`, refused with a message saying so. */
export const senderIdsSchema = <T extends z.ZodType<string>>(item: T) =>
  zod.array(item).max(maxSenderIds, `at most ${maxSenderIds} entries: the emulator lists no more`)
