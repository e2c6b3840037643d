/**
 * @module The one client scenarios use for the emulator's control API, whichever driver: calls
 * /_emulator routes and reads their JSON, failing with what the emulator answered — or, when it
 * cannot be reached, saying so and how to start it.
 */

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>

export interface ControlClient {
  /** A control call, e.g. `control('POST', '/suppression', { address })`; throws on a 4xx/5xx. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>
}

export function createControlClient(
  fetch: Fetch,
  { base = '', headers = {} }: { base?: string; headers?: Record<string, string> } = {},
): ControlClient {
  const tokenSent = Object.keys(headers).some((name) => /^(x-emulator-token|authorization)$/i.test(name))
  const hint = (status: number) =>
    status !== 401
      ? ''
      : tokenSent
        ? ' (it refused the control token: check --control-token)'
        : ' (pass --control-token)'
  return {
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const url = `${base}/_emulator${path}`
      let response: Response
      try {
        response = await fetch(url, {
          method,
          // Every write says JSON, even without a body: the control API refuses writes that do not.
          headers: { ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      } catch (error) {
        const reason = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message
        throw new Error(
          `Cannot reach the emulator at ${base || url}: ${reason}. Is it running (npx webex-connect-emulator start)?`,
        )
      }
      const text = await response.text()
      if (!response.ok)
        throw new Error(`${method} /_emulator${path} answered ${response.status}: ${text}${hint(response.status)}`)
      if (!text) return undefined as T
      try {
        return JSON.parse(text) as T
      } catch {
        // A web server, a proxy's page: something answers there, but not the emulator.
        const type = response.headers.get('content-type') ?? 'no content-type'
        const start = text.length > 60 ? `${text.slice(0, 59)}…` : text
        throw new Error(
          `${method} /_emulator${path} answered ${response.status} ${type}, not JSON (${JSON.stringify(start)}): ${base || 'the target'} does not look like webex-connect-emulator; check --target`,
        )
      }
    },
  }
}
