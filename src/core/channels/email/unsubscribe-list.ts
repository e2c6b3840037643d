/**
 * @module Per-sender unsubscribes: a recipient who unsubscribed from a sender gets 7241
 * "unsubscribed : <sender>" for that sender's mail, and nobody else's.
 */
import { normaliseAddress } from '../../kernel/addresses.js'
import { listFull } from '../../kernel/list-limits.js'

export interface UnsubscribeEntry {
  sender: string
  address: string
  addedAt: number
}

/** Sender/address pairs, at most `max()` of them (`email.limits.maxUnsubscribed`): one more is refused. */
export class UnsubscribeList {
  #entries = new Map<string, UnsubscribeEntry>()
  #max: () => number

  constructor(max: () => number) {
    this.#max = max
  }

  static #key(sender: string, address: string): string {
    return `${normaliseAddress(sender)}\n${normaliseAddress(address)}`
  }

  /** Adds a pair (again); a new pair when the list is full throws a 409 `conflict`. */
  add(sender: string, address: string, now: number): UnsubscribeEntry {
    const key = UnsubscribeList.#key(sender, address)
    const max = this.#max()
    if (!this.#entries.has(key) && this.#entries.size >= max)
      throw listFull(
        'The unsubscribe list',
        max,
        'email.limits.maxUnsubscribed',
        'remove some (DELETE /_emulator/unsubscribes/:sender/:address, a Subscribe event, or reset) before adding more',
      )
    const entry = { sender: normaliseAddress(sender), address: normaliseAddress(address), addedAt: now }
    this.#entries.set(key, entry)
    return entry
  }

  /** Puts back a pair saved earlier (a state file), whatever the limit: one written under a higher limit is kept whole. */
  restore(entry: UnsubscribeEntry): void {
    this.#entries.set(UnsubscribeList.#key(entry.sender, entry.address), { ...entry })
  }

  remove(sender: string, address: string): boolean {
    return this.#entries.delete(UnsubscribeList.#key(sender, address))
  }

  has(sender: string, address: string): boolean {
    return this.#entries.has(UnsubscribeList.#key(sender, address))
  }

  list(): UnsubscribeEntry[] {
    return [...this.#entries.values()]
  }

  clear(): void {
    this.#entries.clear()
  }
}
