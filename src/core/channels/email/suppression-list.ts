/**
 * @module The tenant's bounce list: a permanent bounce keeps an address here for the retention
 * period (vendor default: 7 days), and sends to it fail with 7240 until the clock passes expiry.
 */
import type { Clock } from '../../kernel/clock.js'

export interface SuppressionEntry {
  address: string
  reason: string
  addedAt: number
  /** Epoch ms; undefined means until removed. */
  expiresAt: number | undefined
}

export class SuppressionList {
  #entries = new Map<string, SuppressionEntry>()
  #clock: Clock

  constructor(clock: Clock) {
    this.#clock = clock
  }

  add(address: string, reason: string, retentionMs: number | undefined): SuppressionEntry {
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
