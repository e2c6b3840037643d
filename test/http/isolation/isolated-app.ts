/**
 * @module An isolated emulator's app on virtual time with an in-process webhook sink, plus calls
 * that name their tenant the way test workers do: the vendor API by key, the control API by the
 * `x-emulator-tenant` header.
 */
import type { WebhookRequest } from '../../../src/core/kernel/outbox.js'
import type { EmulatorConfigInput } from '../../../src/core/schemas/config.js'
import { createApp } from '../../../src/http/create-app.js'
import { createIsolatedEmulator } from '../../../src/runtime/create-isolated-emulator.js'
import { emailTo } from '../../support/virtual-emulator.js'

export function isolatedApp({
  config = {},
  controlToken,
}: {
  config?: EmulatorConfigInput
  controlToken?: string
} = {}) {
  const sink: WebhookRequest[] = []
  const isolated = createIsolatedEmulator({
    clock: 'virtual',
    config: { seed: 3, ...config },
    transport: async (request) => {
      sink.push(request)
      return { status: 200, latencyMs: 1 }
    },
  })
  const app = createApp(isolated, { controlToken })

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed, text }
  }
  /** A control call on `tenant`'s behalf. */
  const control = (tenant: string, method: string, path: string, body?: unknown) =>
    call(method, `/_emulator${path}`, body, {
      'x-emulator-tenant': tenant,
      ...(controlToken ? { authorization: `Bearer ${controlToken}` } : {}),
    })
  const send = (key: string, to: string | string[], extra: Record<string, unknown> = {}) =>
    call('POST', '/v2/messages', emailTo(to, extra), { key })
  /** Recipients of `tenant`'s messages, oldest first. */
  const recipientsOf = async (tenant: string) =>
    ((await control(tenant, 'GET', '/messages')).body.messages as any[]).flatMap((m) =>
      m.recipients.map((r: any) => r.address),
    )

  return { isolated, app, sink, call, control, send, recipientsOf }
}
