/**
 * @module The tenant's bounce list: a permanent bounce keeps an address here for the retention
 * period (vendor default: 7 days), and sends to it fail with 7240 until the clock passes expiry.
 */
import type { Clock } from '../../kernel/clock.js'
import { listFull } from '../../kernel/list-limits.js'

export interface SuppressionEntry {
  address: string
  reason: string
  addedAt: number
  /** Epoch ms; undefined means until removed. */
  expiresAt: number | undefined
}

/**
 * The bounce list, holding at most `max()` entries (`email.limits.maxSuppressed`; issue 19: it grew
 * to 150,001 with no cap): an address added by hand past it is refused, a bounce pushes out the
 * oldest entry.
 */
export class SuppressionList {
  #entries = new Map<string, SuppressionEntry>()
  #clock: Clock
  #max: () => number

  constructor(clock: Clock, max: () => number) {
    this.#clock = clock
    this.#max = max
  }

  /**
   * Lists `address` (again). When the list is full (`email.limits.maxSuppressed` live entries), `full`
   * says what to do: `"evict"` the oldest entry (a bounce, which must not fail its send) or
   * `"refuse"` with a 409 (an address added by hand).
   */
  add(
    address: string,
    reason: string,
    retentionMs: number | undefined,
    full: 'evict' | 'refuse' = 'evict',
  ): SuppressionEntry {
    const max = this.#max()
    if (!this.#entries.has(address) && this.#entries.size >= max) {
      this.list() // drops expired entries
      if (full === 'refuse' && this.#entries.size >= max)
        throw listFull(
          'The bounce list',
          max,
          'email.limits.maxSuppressed',
          'remove some (DELETE /_emulator/suppression/:address, or reset) before adding more',
        )
      // A state file written under a higher limit may have left more than `max`.
      while (this.#entries.size >= max) {
        const oldest = this.#entries.keys().next().value
        if (oldest === undefined) break
        this.#entries.delete(oldest)
      }
    }
    const now = this.#clock.now()
    const entry = {
      address,
      reason,
      addedAt: now,
      expiresAt: retentionMs === undefined ? undefined : now + retentionMs,
    }
    this.#entries.delete(address) // re-adding moves it to the end, keeping insertion order = age
    this.#entries.set(address, entry)
    return entry
  }

  /** Puts back an entry saved earlier (a state file), keeping its times; an expired one is skipped. */
  restore(entry: SuppressionEntry): void {
    if (this.#isExpired(entry)) return
    this.#entries.delete(entry.address)
    this.#entries.set(entry.address, { ...entry })
  }

  remove(address: string): boolean {
    return this.#entries.delete(address)
  }

  has(address: string): boolean {
    const entry = this.#entries.get(address)
    if (!entry) return false
    if (this.#isExpired(entry)) {
      this.#entries.delete(address)
      return false
    }
    return true
  }

  /** Live entries, dropping expired ones as it goes. */
  list(): SuppressionEntry[] {
    for (const entry of this.#entries.values()) if (this.#isExpired(entry)) this.#entries.delete(entry.address)
    return [...this.#entries.values()]
  }

  clear(): void {
    this.#entries.clear()
  }

  #isExpired(entry: SuppressionEntry): boolean {
    return entry.expiresAt !== undefined && this.#clock.now() >= entry.expiresAt
  }
}
