/**
 * @module Signs HS256 JWTs the way a Webex Connect client does, for auth tests.
 */
import { createHmac } from 'node:crypto'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

export function signJwt(
  claims: Record<string, unknown>,
  base64Secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const unsigned = `${encode(header)}.${encode(claims)}`
  return `${unsigned}.${createHmac('sha256', Buffer.from(base64Secret, 'base64')).update(unsigned).digest('base64url')}`
}
