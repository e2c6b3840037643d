/**
 * @module The few emulator calls steps make, over the driver's HTTP surface (vendor API and
 * /_emulator), so they behave the same in-process and against a running emulator.
 */
import type { Delivery } from '../core/kernel/outbox.js'
import { createControlClient } from './control-client.js'
import type { ScenarioDriver } from './drivers/driver.js'

export interface HttpResult {
  status: number
  headers: Record<string, string>
  /** Parsed JSON when the body is JSON, else the text ("" when empty). */
  body: unknown
}

export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = value
  })
  return out
}

async function readResponse(response: Response): Promise<HttpResult> {
  const text = await response.text()
  let body: unknown = text
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
  }
  return { status: response.status, headers: headersObject(response.headers), body }
}

export function createEmulatorClient(driver: ScenarioDriver) {
  const { control } = createControlClient((url, init) => driver.fetch(url, init))

  return {
    control,
    async request(
      url: string,
      {
        method = 'GET',
        headers = {},
        body,
        text,
      }: { method?: string; headers?: Record<string, string>; body?: unknown; text?: string } = {},
    ): Promise<HttpResult> {
      const payload = text ?? (body === undefined ? undefined : JSON.stringify(body))
      const contentType: Record<string, string> =
        body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
          ? { 'content-type': 'application/json' }
          : {}
      return readResponse(
        await driver.fetch(url, {
          method,
          headers: { ...contentType, ...headers },
          ...(payload === undefined ? {} : { body: payload }),
        }),
      )
    },
    advance: (ms: number) => control<unknown>('POST', '/clock/advance', { by: ms }),
    deliveries: async () => (await control<{ deliveries: Delivery[] }>('GET', '/webhooks')).deliveries,
    async message(messageId: string): Promise<Record<string, unknown> | undefined> {
      const result = await readResponse(await driver.fetch(`/_emulator/messages/${encodeURIComponent(messageId)}`))
      if (result.status === 404) return undefined
      if (result.status >= 400)
        throw new Error(
          `GET /_emulator/messages/${messageId} answered ${result.status}: ${JSON.stringify(result.body)}`,
        )
      return result.body as Record<string, unknown>
    },
  }
}

export type EmulatorClient = ReturnType<typeof createEmulatorClient>
