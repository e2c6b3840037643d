/**
 * @module Per-sender unsubscribes: a recipient who unsubscribed from a sender gets 7241
 * "unsubscribed : <sender>" for that sender's mail, and nobody else's.
 */
import { normaliseAddress } from '../../kernel/addresses.js'

export interface UnsubscribeEntry {
  sender: string
  address: string
  addedAt: number
}

export class UnsubscribeList {
  #entries = new Map<string, UnsubscribeEntry>()

  static #key(sender: string, address: string): string {
    return `${normaliseAddress(sender)}\n${normaliseAddress(address)}`
  }

  add(sender: string, address: string, now: number): UnsubscribeEntry {
    const entry = { sender: normaliseAddress(sender), address: normaliseAddress(address), addedAt: now }
    this.#entries.set(UnsubscribeList.#key(sender, address), entry)
    return entry
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
