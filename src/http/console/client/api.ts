/**
 * @module The control-API client: JSON in and out, the control token when the page was opened with
 * ?token=, and two kinds of failure — the API refused (its own message) or the emulator could not
 * be reached at all (it stopped or is restarting), which the console says in words and retries.
 */

/** The API answered with an error status; `message` is the API's own reason. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/** No answer at all: the emulator is not listening (stopped, restarting) or the network failed. */
export class UnreachableError extends Error {
  override name = 'UnreachableError'
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Api {
  /** Calls `/_emulator<path>`; resolves to the parsed JSON answer (null for an empty one). */
  <T = unknown>(method: Method, path: string, body?: unknown): Promise<T>
  /** The event stream's URL, with the token as a query parameter (EventSource cannot set headers). */
  eventsUrl: string
}

const unreachable = () =>
  new UnreachableError(
    'The emulator is unreachable: it may have stopped or be restarting. The console keeps retrying and catches up when it is back.',
  )

/**
 * A client for the control API at `base`, sending `token` (when given) as a bearer token and
 * `tenant` (an isolated emulator's tenant, from ?tenant=) as `x-emulator-tenant`.
 * @example const clock = await createApi(null)<ClockState>('GET', '/clock')
 */
export function createApi(token: string | null, base = '/_emulator', tenant: string | null = null): Api {
  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    if (token) headers.authorization = `Bearer ${token}`
    if (tenant) headers['x-emulator-tenant'] = tenant
    // Every write, even without a body: the control API refuses writes that are not JSON (cross-site guard).
    if (method !== 'GET') headers['content-type'] = 'application/json'
    let response: Response
    let text: string
    try {
      response = await fetch(base + path, { method, headers, body: body === undefined ? null : JSON.stringify(body) })
      text = await response.text()
    } catch {
      throw unreachable() // fetch rejects only when no answer came (its TypeError says just "Failed to fetch")
    }
    let data: unknown = null
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      data = null
    }
    if (!response.ok) {
      const message = (data as { message?: unknown } | null)?.message
      throw new ApiError(
        typeof message === 'string' ? message : `${method} ${path} answered ${response.status}`,
        response.status,
      )
    }
    return data as T
  }
  const query = new URLSearchParams({ ...(token && { token }), ...(tenant && { tenant }) }).toString()
  return Object.assign(call, { eventsUrl: `${base}/events${query && `?${query}`}` })
}
