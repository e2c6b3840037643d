/**
 * @module The emulator as a real client meets it: the vendor API through the hono app (no socket),
 * on virtual time, with every webhook POST captured as the receiver would get it.
 */
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { createApp } from '../../../src/http/create-app.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'

interface Posted {
  url: string
  headers: Record<string, string>
  body: string
  payload: any
}

export function contractApp(config: EmulatorConfigInput = {}) {
  const posted: Posted[] = []
  const emulator = createEmulator({
    clock: 'virtual',
    config: { seed: 7, ...config },
    transport: async (request) => {
      posted.push({ url: request.url, headers: request.headers, body: request.body, payload: JSON.parse(request.body) })
      return { status: 200, latencyMs: 1 }
    },
  })
  const app = createApp(emulator)
  /** POST to a vendor path with the given headers, the body sent exactly as given (a string) or as JSON. */
  const post = (path: string, body: unknown, headers: Record<string, string> = { key: 'service-key' }) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { emulator, app, post, posted }
}
