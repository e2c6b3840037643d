/**
 * @module Optional protection for /_emulator: with a control token set, every control route but
 * health and the console page needs it, as `Authorization: Bearer <token>`, an `x-emulator-token`
 * header, or `?token=` (for EventSource and links, which cannot set headers). The vendor API is
 * unaffected.
 *
 * The open routes are exempt by being matched, never by the text of the path: they are registered
 * ahead of this middleware and answer without calling it, so no other path can borrow their
 * exemption (`/_emulator/unsubscribes/_emulator/health` once could, through a suffix test).
 */
import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { EmulatorError } from '../../core/kernel/errors.js'

export function controlToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? Buffer.from(token) : undefined
  return async (c, next) => {
    if (!expected) return next()
    const given =
      c.req.header('authorization')?.match(/^Bearer\s+(.+?)\s*$/i)?.[1] ??
      c.req.header('x-emulator-token') ??
      c.req.query('token')
    const actual = Buffer.from(given ?? '')
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new EmulatorError(
        'control_token_required',
        'The control API needs the control token: send "Authorization: Bearer <token>", an "x-emulator-token" header or ?token=',
      )
    }
    return next()
  }
}
