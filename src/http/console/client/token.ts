/**
 * @module The control token the console was opened with (?token=), taken out of the address bar at
 * once. An email's HTML, drawn on the page, may ask for any referrer policy (`<meta name="referrer"
 * content="unsafe-url">`, `referrerpolicy` on a link), and a frame's referrer is the console's own
 * URL: a link clicked there, or a remote image loaded, would hand the token to another site. The
 * tab keeps it (sessionStorage), so a reload still has it.
 */

const stored = 'webex-connect-emulator.token'

/** The tab's storage, or nothing where the browser refuses it (site data blocked): a reload then loses the token. */
function tabStorage(): Storage | undefined {
  try {
    return sessionStorage
  } catch {
    return undefined
  }
}

/**
 * The token from `params` (removed from them and from the address bar), or the one this tab kept.
 * @example const token = takeToken(new URLSearchParams(location.search)) // '?token=s3cret' → 's3cret', URL now without it
 */
export function takeToken(params: URLSearchParams): string | null {
  const given = params.get('token')
  if (given === null) return tabStorage()?.getItem(stored) ?? null
  tabStorage()?.setItem(stored, given)
  params.delete('token')
  const query = params.toString()
  history.replaceState(history.state, '', `${location.pathname}${query && `?${query}`}${location.hash}`)
  return given
}
