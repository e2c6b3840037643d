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
  return {
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const url = `${base}/_emulator${path}`
      let response: Response
      try {
        response = await fetch(url, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
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
        throw new Error(
          `${method} /_emulator${path} answered ${response.status}: ${text}${response.status === 401 ? ' (pass --control-token)' : ''}`,
        )
      return (text ? JSON.parse(text) : undefined) as T
    },
  }
}
