/**
 * @module The banner under the header: what went wrong (or a short answer to what was asked).
 */
import { byId } from './html.js'

export interface Notice {
  show(text: string): void
  /** Shows why something failed. */
  fail(error: unknown): void
  clear(): void
}

export function createNotice(): Notice {
  const banner = byId('notice')
  const text = byId('notice-text')
  const notice: Notice = {
    show(message) {
      text.textContent = message
      banner.hidden = false
    },
    fail(error) {
      notice.show(error instanceof Error ? error.message : String(error))
    },
    clear() {
      banner.hidden = true
      text.textContent = ''
    },
  }
  return notice
}
