/**
 * @module The `Idempotency-Key` header of the vendor's sandbox REST APIs (`/v1/<channel>/messages`;
 * D-SBX-SMS: at most 64 characters of `[\w=-]`, "API requests with an
 * Idempotency-Key value that has been used in the previous 1 hours will be rejected as a
 * duplicate"): the keys seen, each with the message it made, on the emulator clock. A repeat within
 * the window is refused with 409 (the status is inferred: docs/decisions/010-sms.md).
 */
import { EmulatorError } from './errors.js'
import { OldestKeys } from './oldest-keys.js'

/** Vendor (sandbox spec): an Idempotency-Key is at most 64 word characters, "=" and "-". */
export const idempotencyKeyPattern = /^[\w=-]{1,64}$/

/** Keys remembered at most (oldest forgotten first). */
const maxKeys = 100_000

export class IdempotencyKeys {
  /** Idempotency-Key → the message it made and when (emulator clock). */
  readonly #keys = new Map<string, { messageId: string; at: number }>()
  readonly #oldest = new OldestKeys(this.#keys)

  /**
   * Refuses `key` (409 "Duplicate request") when a request used it less than `windowMs` ago.
   * @example keys.check(context.idempotencyKey, now, config.v1.idempotencyWindow)
   */
  check(key: string | undefined, now: number, windowMs: number): void {
    if (key === undefined) return
    const earlier = this.#keys.get(key)
    if (earlier && now - earlier.at < windowMs)
      throw new EmulatorError(
        'duplicate_request',
        'Duplicate request',
        'Idempotency-Key',
        `Idempotency-Key "${key}" was used for message ${earlier.messageId} less than ${Math.round(windowMs / 60_000)} minutes ago`,
      )
  }

  /** Remembers that `key` made `messageId` at `now`. */
  remember(key: string | undefined, messageId: string, now: number): void {
    if (key === undefined) return
    this.#keys.delete(key)
    this.#keys.set(key, { messageId, at: now })
    this.#oldest.trim(maxKeys)
  }

  clear(): void {
    this.#keys.clear()
    this.#oldest.release()
  }
}
