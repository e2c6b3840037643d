/**
 * @module The app an inbound event comes to, on the channels whose sends name an app id: the one it
 * names, else the first configured, else the tenant's. With apps configured, a named one must be
 * among them, as a send's must (7104): an event to a mistyped app id was posted and opened a
 * conversation window no send could use.
 */
import { EmulatorError } from './errors.js'

export function inboundApp(
  named: string | undefined,
  apps: readonly string[],
  tenantAppId: string,
  /** The config key that lists them, for the refusal. */
  configKey: string,
  /** The input field that names it ("appId"). */
  field = 'appId',
): string {
  if (named === undefined) return apps[0] ?? tenantAppId
  if (apps.length > 0 && !apps.includes(named))
    throw new EmulatorError(
      'invalid_request',
      `${field} "${named}" is not one of ${configKey} (${apps.join(', ')}): name one of them, or leave ${field} out for the first`,
      field,
    )
  return named
}
