/**
 * @module The banner under the header. Each message remembers where it came from, so a success
 * clears only what it answers: a user action that works clears an earlier action's error, a
 * refresh that works clears a refresh's error and the "unreachable" warning — and a background
 * refresh never hides a refusal the user has not read yet.
 */
import { UnreachableError } from './api.js'
import { byId } from './html.js'

/** Who raised the message: a user's action, a view's refresh, or the connection to the emulator. */
type NoticeOrigin = 'action' | 'load' | 'connection'
type NoticeTone = 'error' | 'warning' | 'info'

export interface Notice {
  show(text: string, origin: NoticeOrigin, tone?: NoticeTone): void
  /** Shows why something failed; an unreachable emulator is a connection warning whoever noticed it. */
  fail(error: unknown, origin: NoticeOrigin): void
  /** Hides the banner if its message came from one of `origins` (from anywhere when none is given). */
  clear(...origins: NoticeOrigin[]): void
}

export function createNotice(): Notice {
  const banner = byId('notice')
  const text = byId('notice-text')
  let shownFrom: NoticeOrigin | undefined
  const notice: Notice = {
    show(message, origin, tone = 'error') {
      text.textContent = message
      banner.dataset.tone = tone
      banner.hidden = false
      shownFrom = origin
    },
    fail(error, origin) {
      if (error instanceof UnreachableError) notice.show(error.message, 'connection', 'warning')
      else notice.show(error instanceof Error ? error.message : String(error), origin)
    },
    clear(...origins) {
      if (origins.length > 0 && !origins.some((origin) => origin === shownFrom)) return
      banner.hidden = true
      text.textContent = ''
      shownFrom = undefined
    },
  }
  return notice
}
