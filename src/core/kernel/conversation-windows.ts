/**
 * @module Conversation windows (a messaging app's customer-service or standard messaging window, as
 * the channels that have one declare it): when each user last wrote in to each app, on the emulator clock, and whether a window
 * of a given length is open now. Kept in the state file as a list of `{ appId, user, at }`.
 */
import { z } from 'zod'
import { OldestKeys } from './oldest-keys.js'
import { epochMsSchema } from './time-bounds.js'

export const windowsSnapshotSchema = z.array(z.object({ appId: z.string(), user: z.string(), at: epochMsSchema }))
export type WindowsSnapshot = z.infer<typeof windowsSnapshotSchema>

/** How a user is keyed: a phone number by its digits ("+44 7700…" and "447700…" are one), other ids as they are. */
export const userKey = (id: string): string => (/^\+?[\d\s()-]+$/.test(id) ? id.replace(/\D/g, '') : id.trim())
/**
 * One string per (app, user), read back by `split`: the app id's length first, so any character may
 * be in either part. A line break between them read "a\nb" and "c" back as "a" and "b\nc": a window
 * listed under the wrong app, and lost through the state file.
 */
const key = (appId: string, user: string) => `${appId.length}:${appId}${userKey(user)}`
const split = (k: string) => {
  const colon = k.indexOf(':')
  const end = colon + 1 + Number(k.slice(0, colon))
  return { appId: k.slice(colon + 1, end), user: k.slice(end) }
}

/**
 * Windows remembered at most (issue 19: a list that grows from input is bounded): past it the one
 * whose user wrote in longest ago is forgotten — its window has long closed unless 100,000 users
 * wrote in within one window.
 */
const maxWindows = 100_000

export class ConversationWindows {
  /** (appId, user) → when the user last wrote in (epoch ms, emulator clock). */
  readonly #last = new Map<string, number>()
  readonly #oldest = new OldestKeys(this.#last)

  /** An inbound message from any of `users` (one person's ids) opens or renews the window. */
  open(appId: string, users: readonly string[], at: number): void {
    for (const user of users) {
      if (!user) continue
      // Most recent last, so the first is the one to forget.
      this.#last.delete(key(appId, user))
      this.#last.set(key(appId, user), at)
    }
    this.#oldest.trim(maxWindows)
  }

  /** When any of `users` last wrote in to `appId`, if ever. */
  lastInbound(appId: string, users: readonly string[]): number | undefined {
    let last: number | undefined
    for (const user of users) {
      const at = user ? this.#last.get(key(appId, user)) : undefined
      if (at !== undefined) last = Math.max(last ?? at, at)
    }
    return last
  }

  /** When a window of `length` ms with any of `users` closes, if it is open at `now`. */
  closesAt(appId: string, users: readonly string[], now: number, length: number): number | undefined {
    const last = this.lastInbound(appId, users)
    return last !== undefined && now < last + length ? last + length : undefined
  }

  get size(): number {
    return this.#last.size
  }

  clear(): void {
    this.#last.clear()
    this.#oldest.release()
  }

  snapshot(): WindowsSnapshot {
    return [...this.#last].map(([k, at]) => ({ ...split(k), at }))
  }

  restore(saved: WindowsSnapshot): void {
    this.clear()
    for (const w of saved) this.#last.set(key(w.appId, w.user), w.at)
    this.#oldest.trim(maxWindows)
  }

  /** Every window as the control API shows it: last inbound, when it closes, open at `now`. */
  list(now: number, length: number, format: (epochMs: number) => string) {
    return [...this.#last].map(([k, at]) => ({
      ...split(k),
      lastInboundAt: format(at),
      closesAt: format(at + length),
      open: now < at + length,
    }))
  }
}
